"""Reading the actor files and compiling them into a KnowledgeBase, with a disk cache.

Every *.yaml in kb/data/ is read: demonyms.yaml (country adjectives), schema.yaml is
ignored, agents.yaml (and any record with `person:` or type agent) gives role words,
everything else is actor records. The compiled base is pickled under the user cache dir,
keyed by a hash of the files and of this code's version, and rebuilt when they change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from hadath.errors import HadathError
from hadath.kb.actors import Actor, Span
from hadath.kb.schema import check_demonym, check_record, date_str, is_agent

COMPILER_VERSION = "24"
SPECIAL = {"demonyms", "schema"}


@dataclass(slots=True)
class Agent:
    id: str
    sector: str
    name: str
    ar: list[str]
    person: bool = False


@dataclass
class RawBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    agents: dict[str, Agent] = field(default_factory=dict)
    demonyms: dict[str, dict] = field(default_factory=dict)   # ISO3 -> {ar: [...], en: str}
    problems: list[str] = field(default_factory=list)


def data_dir() -> Path:
    return Path(str(resources.files("hadath.kb").joinpath("data")))


def data_files(directory: Path | None = None) -> list[Path]:
    d = directory or data_dir()
    return sorted(p for p in d.glob("*.yaml") if p.is_file())


def _loader():
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_file(path: Path):
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_loader())
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise HadathError(f"{path.name}{where}: not valid YAML") from None
    return data or []


def _spans(items, kind: str) -> list[Span]:
    out = []
    for x in items or []:
        if not isinstance(x, dict):
            continue
        if kind == "affiliation":
            out.append(Span(x.get("id"), date_str(x.get("from")), date_str(x.get("until")), x.get("role")))
        else:
            out.append(Span(x.get("of"), date_str(x.get("from")), date_str(x.get("until")),
                            x.get("role"), x.get("sector"), x.get("country"), tuple(x.get("ar") or ())))
    return out


def _gender(rec: dict) -> str:
    if rec.get("gender") in ("m", "f"):
        return rec["gender"]
    t = rec.get("type")
    if t == "person":
        return "m"
    if t in ("state", "territory"):
        return "f"
    ar = (rec.get("ar") or [""])[0].split()
    return "f" if ar and ar[0][-1:] in ("ة", "ه") else "m"


SHORT_NAMES = {"USA": ("US", "U.S."), "GBR": ("UK",), "ARE": ("UAE",)}


def _labels(actors: dict[str, Actor]) -> None:
    """"House of Representatives (Libya)" is output as "House of Representatives": the
    qualifier only repeats the entity's country, which the record carries anyway."""
    for a in actors.values():
        if a.name.endswith(")") and " (" in a.name and a.country:
            head, _, qualifier = a.name[:-1].rpartition(" (")
            state = actors.get(a.country)
            if head and state is not None and qualifier in (state.name, *state.en, state.id,
                                                            *SHORT_NAMES.get(state.id, ())):
                a.label = head


def read_base(directory: Path | None = None) -> RawBase:
    """Read and check every data file (no compilation)."""
    base = RawBase()
    where: dict[str, str] = {}
    for path in data_files(directory):
        family = path.stem
        if family == "schema":
            continue
        data = read_file(path)
        if not isinstance(data, list):
            base.problems.append(f"{path.name}: should be a YAML list")
            continue
        if family == "demonyms":
            for rec in data:
                probs = check_demonym(rec)
                base.problems += probs
                if not probs:
                    d = base.demonyms.setdefault(rec["country"], {"ar": [], "en": None, "plural": [],
                                                                  "combine_only": []})
                    d["ar" if not rec.get("combine_only") else "combine_only"] += rec["ar"]
                    d["plural"] += rec.get("plural") or rec.get("irregular") or []
                    d["en"] = d["en"] or rec.get("en")
            continue
        for rec in data:
            probs = check_record(rec, family)
            if probs:
                base.problems += [f"{path.name}: {p}" for p in probs]
                if not isinstance(rec, dict) or not rec.get("id") or not (rec.get("ar") or rec.get("name")):
                    continue
            rid = rec["id"]
            if is_agent(rec, family):
                a = base.agents.get(rid)
                if a is None:
                    base.agents[rid] = Agent(rid, rec.get("sector") or "", rec.get("name") or rid.lower(),
                                             list(rec.get("ar") or []), bool(rec.get("person")))
                else:   # the same role word family in two files: merge
                    a.ar += [x for x in rec.get("ar") or [] if x not in a.ar]
                continue
            if rid in base.actors:
                base.problems.append(f"{path.name}: duplicate id {rid} (also in {where[rid]})")
                continue
            where[rid] = path.name
            base.actors[rid] = Actor(
                id=rid, type=rec.get("type") or "organisation", name=rec.get("name") or rid,
                ar=list(rec.get("ar") or []), en=list(rec.get("en") or []),
                country=rec.get("country"), sector=rec.get("sector"),
                wikidata=str(rec["wikidata"]) if rec.get("wikidata") else None,
                affiliations=_spans(rec.get("affiliations"), "affiliation"),
                roles=_spans(rec.get("roles"), "role"),
                metonyms=list(rec.get("metonyms") or []), descriptors=list(rec.get("descriptors") or []),
                framing=list(rec.get("framing") or []), gender=_gender(rec), family=family,
                note=rec.get("note") or "")
    _labels(base.actors)
    for aid, actor in base.actors.items():
        refs = [a.of for a in actor.affiliations] + [r.of for r in actor.roles]
        for ref in dict.fromkeys(refs):
            if ref and ref not in base.actors:
                base.problems.append(f"{actor.family}.yaml: {aid}: refers to unknown actor {ref}")
    return base
