"""Compiling the actor records into match tables.

Every Arabic (and English) name, metonym, descriptor, framing term, dated role name,
demonym inflection and agent word becomes a key (see names.name_key) pointing to entries
(target id, kind, info). The token trie is flat: `keys` holds complete keys, `prefixes`
every proper prefix, `vocab` every token form; `fuzzy` maps one-deletion variants of long
forms back to them for typo tolerance.
"""
from __future__ import annotations

from hadath.kb.loader import RawBase
from hadath.kb.names import SEP, _arabic, bare, name_key
from hadath.resources import read_text
from hadath.text import normalize

FUZZY_MIN = 6
# orthographic alternations of the normalised forms, both ways
SPELLINGS = [("امريك", "اميرك"), ("اميرك", "امريك"), ("مسؤول", "مسئول"), ("مسئول", "مسؤول")]


def demonym_forms(base: str, names: frozenset | set = frozenset()) -> list[tuple[str, str]]:
    """Inflections of a masculine singular nisba adjective (ليبي): (form, number); the counted
    accusative (20 فلسطينيا) unless it is a name (روسيا، سوريا)."""
    if not base.endswith("ي"):
        return [(base, "sg")]
    forms = [(base, "sg"), (base + "ة", "sg"), (base + "ون", "pl"), (base + "ين", "pl"),
             (base + "ات", "pl"), (base + "ان", "du"), (base + "تان", "du"), (base + "تين", "du")]
    if name_key(base + "ا") not in names:
        forms.append((base + "ا", "sg"))
    return forms


def agent_forms(word: str) -> list[tuple[str, str]]:
    """A role word and, for single participles (مسلح، متظاهر), their sound plurals."""
    out = [(word, "sg")]
    if " " not in word and word.startswith("م") and len(word) >= 4 and not word.endswith(("ون", "ين", "ات", "ة")):
        out += [(word + "ون", "pl"), (word + "ين", "pl"), (word + "ة", "sg")]
    return out


def deletions(form: str) -> set[str]:
    return {form[:i] + form[i + 1:] for i in range(len(form))}


class Tables:
    def __init__(self):
        self.entries: list[tuple] = []
        self._entry_ids: dict[tuple, int] = {}
        self.keys: dict[str, list[int]] = {}
        self.prefixes: set[str] = set()
        self.vocab: set[str] = set()
        self.fuzzy: dict[str, set[str]] = {}
        self.multi: set[str] = set()      # forms that occur in multi-token keys
        self.article: dict[str, set[bool]] = {}   # key -> did its names start with ال ?
        self.agent_keys: set[str] = set()

    def add(self, text: str, target: str, kind: str, info=None) -> None:
        key = name_key(text)
        if not key:
            return
        for a, b in SPELLINGS:
            if a in key:   # أمريكي / أميركي, مسؤول / مسئول: both spellings are common
                self._add_key(key.replace(a, b), text, target, kind, info)
        self._add_key(key, text, target, kind, info)

    def _add_key(self, key: str, text: str, target: str, kind: str, info) -> None:
        if kind in ("agent", "demonym"):
            self.agent_keys.add(key) if kind == "agent" else None
        elif _arabic(text):
            first = normalize(text.split()[0]) if text.split() else ""
            self.article.setdefault(key, set()).add(first.startswith("ال") and bare(first) != first)
        entry = (target, kind, info)
        n = self._entry_ids.get(entry)
        if n is None:
            n = self._entry_ids[entry] = len(self.entries)
            self.entries.append(entry)
        lst = self.keys.setdefault(key, [])
        if n not in lst:
            lst.append(n)
        parts = key.split(SEP)
        self.vocab.update(parts)
        if len(parts) > 1:
            self.multi.update(parts)
        for k in range(1, len(parts)):
            self.prefixes.add(SEP.join(parts[:k]))

    def finish(self) -> None:
        for form in self.vocab:
            if len(form) >= FUZZY_MIN and (form in self.multi or len(form) >= 8) and form[0] > "\u0600":
                for d in deletions(form) | {form}:
                    self.fuzzy.setdefault(d, set()).add(form)


def compile_base(raw: RawBase) -> dict:
    t = Tables()
    for a in raw.actors.values():
        for n in a.ar:
            t.add(n, a.id, "name")
        for n in [a.name] + a.en:
            t.add(n, a.id, "name")
        for n in a.metonyms:
            t.add(n, a.id, "metonym")
        for n in a.descriptors:
            t.add(n, a.id, "descriptor")
        for n in a.framing:
            t.add(n, a.id, "framing")
        for i, r in enumerate(a.roles):
            for n in r.ar:
                t.add(n, a.id, "role", i)
    # روسيا، سوريا: a name first, not the accusative of روسي، سوري
    names = {name_key(n) for a in raw.actors.values() for n in (*a.ar, *a.metonyms)}
    for iso, d in raw.demonyms.items():
        for b in d["ar"]:
            for form, number in demonym_forms(b, names):
                t.add(form, iso, "demonym", number)
        for form in d["plural"]:
            t.add(form, iso, "demonym", "pl")
        for b in d.get("combine_only", ()):
            for form, number in demonym_forms(b, names):   # مالي is "financial" unless it follows a role word
                t.add(form, iso, "demonym", number + "!")
    for ag in raw.agents.values():
        for w in ag.ar:
            for form, number in agent_forms(w):
                t.add(form, ag.id, "agent", number)
    t.finish()
    counts: dict[str, int] = {}
    roles: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for a in raw.actors.values():
        counts[a.type] = counts.get(a.type, 0) + 1
        for i, r in enumerate(a.roles):
            if r.role and (r.country or a.country):
                roles.setdefault((r.role.casefold(), r.country or a.country), []).append((a.id, i))
    return {
        "entries": t.entries, "keys": {k: tuple(v) for k, v in t.keys.items()},
        "prefixes": frozenset(t.prefixes), "vocab": frozenset(t.vocab),
        # one string per key (several forms joined by SEP): loads far faster than tuples
        "fuzzy": {k: SEP.join(sorted(v)) for k, v in t.fuzzy.items()},
        "counts": counts, "roles": roles,
        # keys whose Arabic names all have (True) or all lack (False) the article: text must agree
        "article": {k: next(iter(v)) for k, v in t.article.items() if len(v) == 1},
        "agent_keys": frozenset(t.agent_keys),
        # given names: زاهر before المرزوقي says it is another Marzouki
        "given_names": frozenset(_given_names()),
    }


COMPILED_FROM = (("hadath.text", "data/vocab.txt"), ("hadath.ner", "data/gazetteer.tsv"))
COMMON_WORDS = 3000   # the most frequent words of news are words first, whatever names they are too (جعفر, ranked 10,693, is a name)


def _given_names() -> set[str]:
    """Given names of the NER gazetteer (Wikidata name units, CC0; see hadath/ner/data),
    less the most frequent words of news (في، بين، كان، التقى are names too)."""
    common = set()
    for line in read_text(*COMPILED_FROM[0]).splitlines()[1:COMMON_WORDS + 1]:
        common.add(bare(normalize(line.partition("\t")[0])))   # فإن is فان
    out = set()
    for line in read_text(*COMPILED_FROM[1]).splitlines():
        name, _, rest = line.partition("\t")
        if rest.startswith("given\t") and " " not in name:
            out.add(bare(normalize(name)))
    return out - common
