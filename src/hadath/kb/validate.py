"""Whole-base checks for `hadath actors validate`.

Errors: schema problems, duplicate ids, references to unknown actors, actors without an
Arabic name. Warnings (worth a look, often right): one Arabic name given to several actors,
an actor's name that is also a role word or a country adjective (the name wins), and
one-word names that are frequent ordinary words in news (matched only with the article as
written; see grammar/coref.yaml false_friends for more).
"""
from __future__ import annotations

from hadath.kb.base import build_kb

NAME_KINDS = ("name", "metonym", "descriptor", "framing")


def conflicting_aliases(kb) -> list[str]:
    out = []
    for key, entries in kb.keys.items():
        found = [kb.entries[n] for n in entries]
        names = sorted({t for t, kind, _ in found if kind == "name" and t in kb.actors})
        if len(names) >= 2:
            out.append(f"name {key!r} given to {', '.join(names)}")
        named = sorted({t for t, kind, _ in found if kind in NAME_KINDS and t in kb.actors})
        others = sorted({f"{kind} {t}" for t, kind, _ in found
                         if kind == "agent" or (kind == "demonym" and t not in named)})
        if named and others:
            out.append(f"name {key!r} of {', '.join(named)} is also a {', '.join(others)}")
    return out


def validate_base(directory=None) -> tuple[list[str], list[str], dict[str, int]]:
    kb = build_kb(directory)
    errors = list(kb.problems)
    warnings = conflicting_aliases(kb)
    for a in kb.actors.values():
        if not a.ar:
            errors.append(f"{a.family}.yaml: {a.id}: no Arabic name")
    return errors, warnings, kb.counts()
