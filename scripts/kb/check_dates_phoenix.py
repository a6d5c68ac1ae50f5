"""Compare the dated government roles of leaders.txt with Phoenix's date-bounded codes.

For each person whose English name (or a Phoenix synonym) matches a Phoenix entry, the start
years of our roles are compared with the start years of Phoenix's <country>GOV/MIL/... codes;
a role whose start is more than a year away from every Phoenix start is printed for review.
Phoenix stops in 2016-2018, so later roles are skipped.
Usage: .venv/bin/python scripts/kb/check_dates_phoenix.py SHARED_DATA_DIR
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from leaders import persons_from_leaders  # noqa: E402
from seed_candidates import parse_phoenix  # noqa: E402

HERE = Path(__file__).resolve().parent


def key(s: str) -> str:
    s = s.upper().replace("-", "_").replace(" ", "_").replace(".", "")
    s = re.sub(r"[^A-Z_]", "", s)
    return re.sub(r"_+", "_", s).strip("_")


def main() -> None:
    shared = Path(sys.argv[1])
    phx = parse_phoenix(shared / "lexicons/phoenix_en/Phoenix.Countries.actors.txt")
    index = {}
    for name, syns, codes in phx:
        for n in [name] + syns:
            index.setdefault(key(n), codes)
    persons = persons_from_leaders(HERE / "leaders.txt", HERE / "countries.tsv")
    checked = flagged = 0
    for p in persons:
        codes = index.get(key(p["name"]))
        if not codes:
            continue
        starts = [c[1] for c in codes if c[1]]
        for r in p.get("roles", []):
            start = r.get("from")
            y = int(str(start)[:4]) if start else None
            if not y or y > 2016 or r["role"] not in ("president", "prime minister", "king", "emir",
                                                       "foreign minister", "defence minister"):
                continue
            checked += 1
            if starts and min(abs(y - s) for s in starts) > 1:
                flagged += 1
                print(f"{p['id']}\t{r['role']}\t{start}\tphoenix starts: {sorted(set(starts))}")
    print(f"{checked} roles compared, {flagged} to review", file=sys.stderr)


if __name__ == "__main__":
    main()
