"""Whole-base checks for `hadath actors validate`.

Errors: schema problems, duplicate ids, references to unknown actors. Warnings: one
Arabic name given to several actors of the same kind (the matcher then picks by type and
date), which is often right (a capital and a state) but worth a look.
"""
from __future__ import annotations

from hadath.kb.base import build_kb


def conflicting_aliases(kb) -> list[str]:
    out = []
    for key, entries in kb.keys.items():
        names = [kb.entries[n] for n in entries if kb.entries[n][1] == "name"]
        targets = sorted({t for t, _, _ in names if t in kb.actors})
        if len(targets) < 2:
            continue
        # a person and an organisation sharing a name, or two actors of one family
        out.append(f"name {key!r} given to {', '.join(targets)}")
    return out


def validate_base(directory=None) -> tuple[list[str], list[str], dict[str, int]]:
    kb = build_kb(directory)
    errors = list(kb.problems)
    warnings = conflicting_aliases(kb)
    for a in kb.actors.values():
        if not a.ar:
            errors.append(f"{a.family}.yaml: {a.id}: no Arabic name")
    return errors, warnings, kb.counts()
