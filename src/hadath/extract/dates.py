"""Arabic date expressions -> intervals (DateSpan), resolved against the publication date.

`find_dates(text, start, end, published)` finds every date expression in text[start:end]:
explicit dates in the three month-name systems and in Hijri, numeric and ISO dates,
years and ranges of years, vague parts of a year or month (منتصف عام 2017), dates
relative to publication (أمس، العام الماضي، منذ ثلاثة أيام، الاثنين الماضي) and anaphoric
ones (في ذلك الوقت) that the event engine replaces with the previous event's date.

Intervals are [start, end], ISO dates, end inclusive; None marks an open side.
Precision: day, days, week, month, months, season (a vague part of a year or month),
year, years, open (منذ 2014, قبل/بعد a date), recent (مؤخرا: the weeks or months before
publication), relative (no publication date to resolve against) and anaphoric.

All vocabulary is in data/dates.yaml. The text is normalised (hadath.text.normalize) and
scanned by one regex compiled on first use; each candidate is then resolved in Python.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache


from hadath.resources import load_yaml
from hadath.errors import HadathError
from hadath.model import DateSpan
from hadath.text.normalize import normalize, normalize_with_map

__all__ = ["find_dates", "is_anaphoric", "since", "until", "date_for_trigger", "calendar_words"]



# --------------------------------------------------------------------------- grammar

def _norm_words(words) -> list[str]:
    return [normalize(str(w)).strip() for w in words if str(w).strip()]


def _alt(words) -> str:
    """Regex alternation of normalised words, any whitespace inside, as a trie (شهر|شهرين
    -> شهر(?:ين)?) so that the regex engine prunes by letter instead of trying every word;
    longer words are tried first."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in " ".join(w.split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    end = "" in node
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?"
    return body


def _lookup(table: dict) -> dict[str, object]:
    """{value: [words]} -> {normalised word (single spaces): value}."""
    out: dict[str, object] = {}
    for value, words in table.items():
        for w in _norm_words(words):
            out.setdefault(w, value)
    return out


def _key(s: str) -> str:
    return " ".join(s.split())


@dataclass
class _Grammar:
    regex: re.Pattern
    prep_back: re.Pattern
    joiner: re.Pattern
    opener: re.Pattern
    months: dict
    hijri_months: dict
    ambiguous_months: frozenset
    ambiguous_hijri: frozenset
    ordinals: dict
    weekdays: dict
    numbers: dict
    units: dict            # word -> (unit, n or None)
    rel_days: dict
    rel_units: dict
    rel_dirs: dict
    vague_year: dict       # word -> (first month, last month)
    vague_month: dict      # word -> (first day, last day)
    prep_kind: dict        # word -> plain/since/before/after
    general_heads: frozenset
    anaphoric: frozenset
    bare_year_preps: frozenset
    subordinator: re.Pattern
    subordinators: dict
    clause_break: re.Pattern
    year_nouns: frozenset
    future_markers: frozenset
    anchors: frozenset     # written words (with proclitics) one of which every date contains
    seasons: dict          # word -> (first month, last month)
    recent: dict           # phrase -> days before publication
    decades: dict          # word -> first year
    upcoming_days: int
    upcoming_months: int


def _range(spec: str) -> tuple[int, int]:
    a, b = str(spec).split("-")
    return int(a), int(b)


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    d = load_yaml("hadath.extract", "data/dates.yaml")

    months = _lookup(d["months"])
    hmonths = _lookup(d["hijri_months"])
    ordinals = _lookup(d["day_ordinals"])
    weekdays = _lookup(d["weekdays"])
    numbers = _lookup(d["numbers"])
    units: dict[str, tuple[str, int | None]] = {}
    for unit, forms in d["units"].items():
        for n, words in forms.items():
            for w in _norm_words(words):
                units[w] = (unit, None if n == "many" else int(n))
    rel_days = _lookup(d["relative_days"])
    rel_units = _lookup(d["relative_units"])
    rel_dirs = _lookup(d["relative_directions"])
    vague_year = {w: _range(k) for w, k in _lookup(d["vague_year"]).items()}
    vague_month = {w: _range(k) for w, k in _lookup(d["vague_month"]).items()}
    prep_kind = _lookup(d["prepositions"])
    subordinators = _lookup(d.get("subordinators", {}))
    seasons = {w: _range(k) for w, k in _lookup(d.get("seasons", {})).items()}
    recent = {w: int(k) for w, k in _lookup(d.get("recent", {})).items()}
    decades = {w: int(k) for w, k in _lookup(d.get("decades", {})).items()}
    anaphoric = _norm_words(d["anaphoric"])

    MON = _alt(months)
    HMON = _alt(hmonths)
    ORD = _alt(ordinals)
    WD = _alt(weekdays)
    NUM = _alt(numbers)
    UNIT = _alt(units)
    # الأعوام الستة الماضية، الـ24 ساعة الماضية: the last N units before publication
    PLURALS = _alt("ال" + w for w, (_, n) in units.items() if n is None)
    DEFNUM = _alt("ال" + w for w in numbers)
    LAST = _alt(_norm_words(d.get("last_words", [])))
    RDAY = _alt(rel_days)
    RUNIT = _alt(rel_units)
    RDIR = _alt(rel_dirs)
    THIS = _alt(_norm_words(d["this_words"]))
    VAG = _alt(list(vague_year) + list(vague_month))
    VAGY = _alt(vague_year)
    VAGM = _alt(vague_month)
    YW = _alt(_norm_words(d["year_words"]))
    DYW = _alt(_norm_words(d["dual_year_words"]))
    MW = _alt(_norm_words(d["month_word"]))
    TOD = _alt(_norm_words(d["times_of_day"]))
    AGO = _alt(_norm_words(d["ago_words"]))
    HMARK = _alt(_norm_words(d["hijri_markers"]))
    GMARK = _alt(_norm_words(d["gregorian_markers"]))
    ANA = _alt(anaphoric)
    APPROX = _alt(_norm_words(d.get("approximately", [])))
    SEASON = _alt(seasons)
    RECENT = _alt(recent)
    DECADE = _alt(decades)
    CENTURY = _alt(_norm_words(d.get("century_words", [])))
    JOIN = _alt(_norm_words(d["range_joiners"]))

    def year(n: str) -> str:
        return rf"(?P<{n}>(?:1[89]|2[01])\d\d)(?!\d)(?:\s?(?:{GMARK})(?!\w))?"

    def day(n: str) -> str:
        return rf"(?:(?P<{n}>3[01]|[12]\d|0?[1-9])(?!\d)|(?P<{n}o>{ORD})\s+من)"

    def month(n: str) -> str:
        return rf"(?:(?:{MW})\s+)?(?P<{n}>{MON})(?:(?:\s*[/(\-]\s*|\s+)(?:{MON})(?!\w)\s*\)?)?(?!\w)"

    yr_intro = rf"\s*[،,(]?\s*(?:من\s+)?(?:(?:{YW})\s*)?"

    def direction(n: str) -> str:
        return rf"(?:\s+(?P<{n}>{RDIR})(?!\w))?"
    NOT_WD = _alt(_norm_words(d["weekday_not_before"]))
    hyear = rf"(?P<{{}}>1[345]\d\d)(?!\d)(?:\s*(?:{HMARK})(?!\w))?"
    alternatives = [
        rf"(?P<ana>(?:{ANA}))(?!\w)",
        rf"(?P<rec>(?:{RECENT}))(?!\w)",
        rf"(?P<lastn>(?:(?P<lnu>{PLURALS})\s+(?P<lnn>{DEFNUM})|(?:الـ?\s*)?(?P<lnd>\d{{1,3}})\s+(?P<lnu2>{UNIT}))"
        rf"\s+(?:{LAST})(?!\w))",
        rf"(?P<iso>{year('isoy')}-(?P<isom>1[0-2]|0?[1-9])-(?P<isod>3[01]|[12]\d|0?[1-9])(?!\d))",
        rf"(?P<hnum>(?P<hnumd>3[01]|[12]\d|0?[1-9])(?P<hnums>[/.\-])(?P<hnumm>1[0-2]|0?[1-9])(?P=hnums)"
        rf"(?P<hnumy>1[345]\d\d)\s*(?:{HMARK})(?!\w))",
        rf"(?P<num>(?P<numd>3[01]|[12]\d|0?[1-9])(?P<nums>[/.\-])(?P<numm>1[0-2]|0?[1-9])(?P=nums){year('numy')})",
        rf"(?P<hday>{day('hdd')}\s+(?:(?:{MW})\s+)?(?P<hdm>{HMON})(?!\w)"
        rf"(?:{yr_intro}{hyear.format('hdy')})?{direction('hddir')})",
        rf"(?P<dr>(?P<drd1>3[01]|[12]\d|0?[1-9])\s*(?:و|-|–|الى|حتى)\s*{day('drd2')}\s+{month('drm')}"
        rf"(?:{yr_intro}{year('dry')})?{direction('drdir')})",
        rf"(?P<dm>(?:(?:يوم\s+)?(?:{WD})\s*[،,]?\s*(?:الموافق\s+)?)?{day('dmd')}\s+{month('dmm')}"
        rf"(?:{yr_intro}{year('dmy')})?{direction('dmdir')})",
        rf"(?P<vm>(?P<vmv>{VAGM})\s+(?:من\s+)?{month('vmm')}(?:{yr_intro}{year('vmy')})?{direction('vmdir')})",
        rf"(?P<my>{month('mym')}{yr_intro}{year('myy')})",
        rf"(?P<hmy>(?:(?:{MW})\s+)?(?P<hmym>{HMON})\s+(?:(?:{YW})\s+)?{hyear.format('hmyy')})",
        rf"(?P<vy>(?P<vyv>{VAGY})\s+(?:من\s+)?(?:(?:{YW})\s*)?{year('vyy')})",
        rf"(?P<vr>(?P<vrv>{VAG})\s+(?:من\s+)?(?:(?P<vrt>{THIS})\s+)?(?P<vru>{RUNIT})"
        rf"(?:\s+(?P<vrd>{RDIR})|\s+(?P<vrana>نفسه|ذاته|نفسها|ذاتها|التالي|التاليه|ذلك|تلك))?(?!\w))",
        rf"(?P<ys>(?:{DYW})\s*{year('ysa')}\s*(?:{JOIN})\s*(?:(?:{YW})\s*)?{year('ysb')})",
        rf"(?P<yy>{year('yya')}\s*[-–/]\s*{year('yyb')})",
        rf"(?P<hyr>(?:(?:{YW})\s+)?(?P<hyry>1[345]\d\d)(?!\d)\s*(?:{HMARK})(?!\w))",
        rf"(?P<yr>(?:{YW})\s*{year('yry')})",
        rf"(?P<by>{year('byy')})",
        rf"(?P<ago>(?P<agow>{AGO})\s+(?:(?:{APPROX})\s+)?(?:(?P<agon>\d{{1,3}}|{NUM})\s+)?(?P<agou>{UNIT})(?!\w)"
        rf"(?!\s*\d)(?!\s+(?:من|على|{MON}|{HMON}|{RDAY}|{WD})(?!\w)))",
        rf"(?P<rd>(?:(?P<rdt>{TOD})\s+)?(?P<rdw>{RDAY})(?!\w)"
        r"(?!\s+(?:التالي|نفسه|ذاته|الوطني|العالمي|الدولي|الذي|العربي|الاول|الثاني|الاخير|قبل\s+الاخير))"
        rf"(?:\s*[،,]?\s*(?:{WD})(?!\w))?)",
        rf"(?P<sr>(?:(?P<srt>{THIS})\s+(?P<srs>{SEASON})|(?P<srs2>{SEASON})\s+(?P<srd>{RDIR}))(?!\w))",
        rf"(?P<dec>(?P<decw>{DECADE})\s+(?:{CENTURY})(?!\w))",
        rf"(?P<rel>(?:(?P<relt>{THIS})\s+(?P<relu>{RUNIT})|(?P<relu2>{RUNIT})\s+(?P<reld>{RDIR}))(?!\w))",
        rf"(?P<wd>(?:(?P<wdt>{TOD})\s+)?(?:يوم\s+)?(?P<wdn>{WD})(?!\w)(?!\s+(?:عشر|{NOT_WD})(?!\w))"
        rf"(?:\s+(?P<wdd>{RDIR})(?!\w))?)",
        rf"(?P<hmo>(?:(?P<hmow>{MW})\s+)?(?P<hmon>{HMON})(?!\w)(?:\s+(?P<hmod>{RDIR})(?!\w))?)",
        rf"(?P<mo>(?:(?P<mow>{MW})\s+)?(?P<mom>{MON})(?:\s*[/(]\s*(?:{MON})\s*\)?)?(?!\w)"
        rf"(?:\s+(?P<mod>{RDIR})(?!\w))?)",
    ]
    for alt in alternatives:
        try:
            re.compile(alt)
        except re.error as exc:
            raise HadathError(f"bad date pattern {alt[:60]}: {exc}") from exc
    # a date starts a word, or follows a one-letter proclitic (وأول أمس، لعام 2019)
    regex = re.compile(r"(?:(?<!\w)|(?<=(?<!\w)[وفلب]))(?:" + "|".join(alternatives) + ")")
    PREP = _alt(prep_kind)
    prep_back = re.compile(rf"(?:(?<=[\s(\"\-،,])|^)[وف]?(?P<p>{PREP})\s+$")
    joiner = re.compile(rf"\s*(?:{JOIN})\s*(?:(?:{YW})\s*)?$")
    opener = re.compile(rf"(?:{_alt(_norm_words(d['range_openers']))})$")
    return _Grammar(
        regex=regex, prep_back=prep_back, joiner=joiner, opener=opener,
        months=months, hijri_months=hmonths,
        ambiguous_months=frozenset(_norm_words(d["ambiguous_months"])),
        ambiguous_hijri=frozenset(_norm_words(d["ambiguous_hijri_months"])),
        ordinals=ordinals, weekdays=weekdays, numbers=numbers, units=units,
        rel_days=rel_days, rel_units=rel_units, rel_dirs=rel_dirs,
        vague_year=vague_year, vague_month=vague_month, prep_kind=prep_kind,
        general_heads=frozenset(_norm_words(d["general_heads"])),
        anaphoric=frozenset(anaphoric),
        bare_year_preps=frozenset(_key(w) for w in _norm_words(d["bare_year_prepositions"])),
        subordinator=re.compile(rf"(?<!\w)[وف]?(?P<sub>{_alt(subordinators)})(?!\w)"),
        subordinators=subordinators,
        clause_break=re.compile(r"[.،,;؛:!?؟]"),
        year_nouns=frozenset(_key(w) for w in _norm_words(d.get("year_nouns", []))),
        future_markers=frozenset(_key(w) for w in _norm_words(d.get("future_markers", []))),
        anchors=_anchors(d, [months, hmonths, weekdays, rel_days, rel_units, units, seasons, decades,
                             anaphoric, recent]),
        seasons=seasons, decades=decades, recent=recent,
        upcoming_days=int(d.get("upcoming_days", 0)), upcoming_months=int(d.get("upcoming_months", 0)))


def _anchors(d: dict, tables: list) -> frozenset:
    """Every date expression without digits contains one of these words (a month, a
    weekday, a relative or anaphoric word ...), with any proclitics: sentences with none of
    them and no digit are skipped without running the big regex."""
    stop = set(_norm_words(d.get("anchor_stopwords", [])))
    base: set[str] = set()
    for table in tables:
        for w in table:
            base.update(w.split())
    for key in ("year_words", "dual_year_words"):
        base.update(_norm_words(d.get(key, [])))
    out: set[str] = set()
    for w in base - stop:
        for c in ("", "و", "ف"):
            out.update(c + p + w for p in ("", "ب", "ل", "ك"))
            if w.startswith("ال"):
                out.add(c + "لل" + w[2:])
    return frozenset(out)


_WORDS = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")


# --------------------------------------------------------------------------- calendar helpers

def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _safe_day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _hijri(y: int, m: int, d: int | None) -> tuple[date, date] | None:
    """Gregorian interval of a Hijri day (d) or month (d None); None outside the tables."""
    try:
        from hijridate import Hijri
        if d is not None:
            g = Hijri(y, m, d).to_gregorian()
            g = date(g.year, g.month, g.day)
            return g, g
        first = Hijri(y, m, 1)
        g = first.to_gregorian()
        g0 = date(g.year, g.month, g.day)
        return g0, g0 + timedelta(days=first.month_length() - 1)
    except (ValueError, OverflowError, ImportError):
        return None


def _hijri_year(y: int) -> tuple[date, date] | None:
    a, b = _hijri(y, 1, None), _hijri(y, 12, None)
    return (a[0], b[1]) if a and b else None


def _hijri_year_of(g: date) -> int | None:
    try:
        from hijridate import Gregorian
        return Gregorian(g.year, g.month, g.day).to_hijri().year
    except (ValueError, OverflowError, ImportError):
        return None


# --------------------------------------------------------------------------- resolution

@dataclass(slots=True)
class _Cand:
    kind: str
    s: int                  # core start / end in the normalised segment
    e: int
    start: date | None
    end: date | None
    precision: str
    point: bool = True      # a date a preposition can turn into an open interval
    prep: str = ""
    prep_s: int = -1
    needs_prep: bool = False


class _Unresolved(Exception):
    """The expression needs a publication date that is missing."""


def _g(m: re.Match, name: str) -> str | None:
    v = m.group(name)
    return _key(v) if v is not None else None


def _day_of(g: _Grammar, m: re.Match, n: str) -> int | None:
    if m.group(n):
        return int(m.group(n))
    o = _g(m, n + "o")
    return int(g.ordinals[o]) if o else None


def _month_year(g: _Grammar, mon: int, year: str | None, direction: int | None,
                pub: date | None) -> int:
    """Year of a month given without a year: the latest such month not after publication
    (or one starting within upcoming_months of it), strictly before it with الماضي,
    strictly after it with المقبل, the publication's year with الجاري."""
    if year:
        return int(year)
    if pub is None:
        raise _Unresolved
    y = pub.year
    if direction == 0:
        return y
    if direction is None:
        ahead = (mon - pub.month) % 12
        if 0 < ahead <= g.upcoming_months:
            return y if mon > pub.month else y + 1
        return y if mon <= pub.month else y - 1
    if direction < 0:
        return y if mon < pub.month else y - 1
    return y if mon > pub.month else y + 1


def _latest_day(g: _Grammar, mon: int, d: int, pub: date | None, direction: int | None) -> date | None:
    """Date of a day and month without a year: the latest not after publication (or within
    upcoming_days after it), before it with الماضي, after it with المقبل, this year with الجاري."""
    if pub is None:
        raise _Unresolved
    if direction == 0:
        return _safe_day(pub.year, mon, d)
    if direction is None:
        for y in (pub.year, pub.year + 1):
            x = _safe_day(y, mon, d)
            if x and pub < x <= pub + timedelta(days=g.upcoming_days):
                return x
    for y in ((pub.year, pub.year - 1) if not direction or direction < 0 else (pub.year, pub.year + 1)):
        x = _safe_day(y, mon, d)
        if x is None:
            continue
        if (not direction or direction < 0) and (x < pub or (x == pub and not direction)):
            return x
        if direction and direction > 0 and x > pub:
            return x
    return None


def _dir(g: _Grammar, m: re.Match, n: str) -> int | None:
    w = m.group(n)
    return int(g.rel_dirs[_key(w)]) if w else None


def _hijri_nearest(g: _Grammar, hy: int, hm: int, hd: int | None, pub: date,
                   direction: int | None) -> tuple[date, date] | None:
    """A Hijri day or month without a year, placed as _latest_day places Gregorian ones."""
    options = [iv for iv in (_hijri(y, hm, hd) for y in (hy - 1, hy, hy + 1)) if iv]
    if direction == 0:
        options = [iv for iv in options if iv[0] <= pub <= iv[1]] or options
    elif direction is not None and direction < 0:
        options = [iv for iv in options if iv[1] < pub]
    elif direction is not None and direction > 0:
        options = [iv for iv in options if iv[0] > pub]
        return options[0] if options else None
    else:
        soon = [iv for iv in options if pub < iv[0] <= pub + timedelta(days=g.upcoming_days)]
        if soon:
            return soon[0]
        options = [iv for iv in options if iv[0] <= pub]
    return options[-1] if options else None


def _unit_interval(unit: str, k: int, pub: date) -> tuple[date, date, str]:
    """Calendar unit (year/month/week) k steps from the publication date's."""
    if unit == "year":
        return date(pub.year + k, 1, 1), date(pub.year + k, 12, 31), "year"
    if unit == "month":
        y, m = _add_months(pub.year, pub.month, k)
        return date(y, m, 1), _month_end(y, m), "month"
    # weeks run Sunday..Saturday, as in most Arab countries' calendars
    sunday = pub - timedelta(days=(pub.weekday() + 1) % 7) + timedelta(weeks=k)
    return sunday, sunday + timedelta(days=6), "week"


def _resolve(g: _Grammar, m: re.Match, pub: date | None) -> _Cand | None:
    kind = m.lastgroup
    s, e = m.span()
    c = _Cand(kind, s, e, None, None, "day")
    if kind == "ana":
        c.start = c.end = None
        c.precision, c.point = "anaphoric", False
        return c
    if kind == "rec":
        if pub is None:
            raise _Unresolved
        c.start, c.end, c.precision = pub - timedelta(days=g.recent[_key(m.group())]), pub, "recent"
        c.point = False
        return c
    if kind == "lastn":
        if pub is None:
            raise _Unresolved
        if m["lnd"]:
            unit, n = g.units[_g(m, "lnu2")][0], int(m["lnd"])
        else:
            unit, n = g.units[_g(m, "lnu")[2:]][0], int(g.numbers[_g(m, "lnn")[2:]])
        days = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        c.start, c.end, c.precision = pub - timedelta(days=max(days, 0)), pub, "recent"
        c.point = False
        return c
    if kind == "iso":
        x = _safe_day(int(m["isoy"]), int(m["isom"]), int(m["isod"]))
        if not x:
            return None
        c.start = c.end = x
    elif kind == "hnum":
        iv = _hijri(int(m["hnumy"]), int(m["hnumm"]), int(m["hnumd"]))
        if not iv:
            return None
        c.start, c.end = iv
    elif kind == "num":
        x = _safe_day(int(m["numy"]), int(m["numm"]), int(m["numd"]))
        if not x:
            return None
        c.start = c.end = x
    elif kind in ("dm", "dr"):
        p = "dm" if kind == "dm" else "dr"
        mon = int(g.months[_g(m, p + "m")])
        d2 = _day_of(g, m, p + "d" if kind == "dm" else "drd2")
        d1 = d2 if kind == "dm" else int(m["drd1"])
        yr = m[p + "y"]
        if yr:
            a, b = _safe_day(int(yr), mon, d1), _safe_day(int(yr), mon, d2)
        else:
            b = _latest_day(g, mon, d2, pub, _dir(g, m, p + "dir"))
            a = b and _safe_day(b.year, mon, d1)
        if not a or not b or a > b:
            return None
        c.start, c.end = a, b
        c.precision = "day" if a == b else "days"
    elif kind == "hday":
        hm = int(g.hijri_months[_g(m, "hdm")])
        hd = _day_of(g, m, "hdd")
        if m["hdy"]:
            hy = int(m["hdy"])
        else:
            if pub is None:
                raise _Unresolved
            hy = _hijri_year_of(pub)
            if hy is None:
                return None
        iv = _hijri(hy, hm, hd)
        if not iv:
            return None
        if not m["hdy"]:
            iv = _hijri_nearest(g, hy, hm, hd, pub, _dir(g, m, "hddir"))
            if not iv:
                return None
        c.start, c.end = iv
    elif kind in ("my", "mo"):
        mon_word = _g(m, "mym" if kind == "my" else "mom")
        mon = int(g.months[mon_word])
        direction = None
        if kind == "mo":
            direction = g.rel_dirs.get(_g(m, "mod")) if m["mod"] else None
            if mon_word in g.ambiguous_months and not (m["mow"] or m["mod"]):
                return None
            c.needs_prep = not (m["mow"] or m["mod"])
        y = _month_year(g, mon, m["myy"] if kind == "my" else None,
                        int(direction) if direction is not None else None, pub)
        c.start, c.end, c.precision = date(y, mon, 1), _month_end(y, mon), "month"
    elif kind == "vm":
        mon = int(g.months[_g(m, "vmm")])
        y = _month_year(g, mon, m["vmy"], _dir(g, m, "vmdir"), pub)
        d1, d2 = g.vague_month[_g(m, "vmv")]
        last = calendar.monthrange(y, mon)[1]
        c.start, c.end, c.precision = date(y, mon, d1), date(y, mon, min(d2, last)), "season"
    elif kind == "vy":
        y = int(m["vyy"])
        m1, m2 = g.vague_year[_g(m, "vyv")]
        if m1 > m2:   # winter: December of the year before to February
            c.start, c.end = date(y - 1, m1, 1), _month_end(y, m2)
        else:
            c.start, c.end = date(y, m1, 1), _month_end(y, m2)
        c.precision = "season"
    elif kind == "vr":
        if m["vrana"]:      # مطلع الشهر نفسه: part of a month given earlier
            c.start = c.end = None
            c.precision, c.point = "anaphoric", False
            return c
        if pub is None:
            raise _Unresolved
        unit = g.rel_units[_g(m, "vru")]
        k = int(g.rel_dirs[_g(m, "vrd")]) if m["vrd"] else 0
        a, b, _ = _unit_interval(unit, k, pub)
        v = _g(m, "vrv")
        if unit == "year" and v in g.vague_year:
            m1, m2 = g.vague_year[v]
            if m1 > m2:
                c.start, c.end = date(a.year - 1, m1, 1), _month_end(a.year, m2)
            else:
                c.start, c.end = date(a.year, m1, 1), _month_end(a.year, m2)
        elif unit == "month" and v in g.vague_month:
            d1, d2 = g.vague_month[v]
            c.start, c.end = a.replace(day=d1), a.replace(day=min(d2, b.day))
        else:
            c.start, c.end = a, b
        c.precision = "season"
    elif kind == "ys":
        a, b = int(m["ysa"]), int(m["ysb"])
        if not a < b <= a + 100:
            return None
        c.start, c.end, c.precision = date(a, 1, 1), date(b, 12, 31), "years"
    elif kind == "yy":
        a, b = int(m["yya"]), int(m["yyb"])
        if not a < b <= a + 100:
            return None
        c.start, c.end, c.precision = date(a, 1, 1), date(b, 12, 31), "years"
    elif kind == "hyr":
        iv = _hijri_year(int(m["hyry"]))
        if not iv:
            return None
        c.start, c.end = iv
        c.precision = "year"
    elif kind == "hmy":
        iv = _hijri(int(m["hmyy"]), int(g.hijri_months[_g(m, "hmym")]), None)
        if not iv:
            return None
        c.start, c.end = iv
        c.precision = "month"
    elif kind in ("yr", "by"):
        y = int(m["yry"] if kind == "yr" else m["byy"])
        c.start, c.end, c.precision = date(y, 1, 1), date(y, 12, 31), "year"
        c.needs_prep = kind == "by"
    elif kind == "hmo":
        word = _g(m, "hmon")
        if not (m["hmow"] or m["hmod"]):
            return None
        if pub is None:
            raise _Unresolved
        hm = int(g.hijri_months[word])
        direction = int(g.rel_dirs[_g(m, "hmod")]) if m["hmod"] else 0
        hy = _hijri_year_of(pub)
        if hy is None:
            return None
        iv = _hijri_nearest(g, hy, hm, None, pub, direction if m["hmod"] else None)
        if not iv:
            return None
        c.start, c.end = iv
        c.precision = "month"
    elif kind == "ago":
        unit, n = g.units[_g(m, "agou")]
        if m["agon"]:
            num = m["agon"]
            n = int(num) if num.isdigit() else int(g.numbers[_key(num)])
        elif n is None:
            return None    # منذ سنوات: a duration, not a date
        if _key(m["agow"]) == "قبل" and _future(g, m.string, m.start()):
            return None    # لن تعرف نتيجته قبل ستة أسابيع: "within", not "ago"
        if pub is None:
            raise _Unresolved
        c.point = False
        if unit in ("hour", "day"):
            x = pub - timedelta(days=n if unit == "day" else 0)
            c.start = c.end = x
        elif unit == "week":
            x = pub - timedelta(weeks=n)
            c.start, c.end, c.precision = x - timedelta(days=3), x + timedelta(days=3), "week"
        elif unit == "month":
            y, mo = _add_months(pub.year, pub.month, -n)
            c.start, c.end, c.precision = date(y, mo, 1), _month_end(y, mo), "month"
        else:
            c.start, c.end, c.precision = date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), "year"
    elif kind == "rd":
        if pub is None:
            raise _Unresolved
        k = int(g.rel_days[_g(m, "rdw")])
        x = pub + timedelta(days=k)
        c.start = c.end = x
    elif kind == "sr":
        if pub is None:
            raise _Unresolved
        m1, m2 = g.seasons[_g(m, "srs") or _g(m, "srs2")]
        k = int(g.rel_dirs[_g(m, "srd")]) if m["srd"] else 0
        # this year's season, then step back or forward to one that ended / starts as asked
        y = pub.year + (1 if m1 > m2 and pub.month == 12 else 0)

        def season(y: int) -> tuple[date, date]:
            return (date(y - 1, m1, 1) if m1 > m2 else date(y, m1, 1)), _month_end(y, m2)
        a, b = season(y)
        if k < 0:
            while b >= pub:
                y -= 1
                a, b = season(y)
        elif k > 0:
            while a <= pub:
                y += 1
                a, b = season(y)
        c.start, c.end, c.precision = a, b, "season"
    elif kind == "dec":
        y = g.decades[_g(m, "decw")]
        c.start, c.end, c.precision = date(y, 1, 1), date(y + 9, 12, 31), "years"
    elif kind == "rel":
        if pub is None:
            raise _Unresolved
        unit = g.rel_units[_g(m, "relu") or _g(m, "relu2")]
        k = int(g.rel_dirs[_g(m, "reld")]) if m["reld"] else 0
        c.start, c.end, c.precision = _unit_interval(unit, k, pub)
    elif kind == "wd":
        wd = int(g.weekdays[_g(m, "wdn")])
        if pub is None:
            raise _Unresolved
        direction = int(g.rel_dirs[_g(m, "wdd")]) if m["wdd"] else None
        back = (pub.weekday() - wd) % 7
        if direction is None and _future(g, m.string, m.start()):
            x = pub + timedelta(days=(wd - pub.weekday()) % 7)     # ستعقد القمة الأربعاء
        elif direction is None or direction == 0:
            x = pub - timedelta(days=back)
        elif direction < 0:
            x = pub - timedelta(days=back or 7)
        else:
            x = pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
        c.start = c.end = x
    else:
        return None
    return c


def _apply_prep(c: _Cand, kind: str) -> None:
    if not c.point or c.start is None:
        return
    if kind == "since":
        c.end, c.precision = None, "open"
    elif kind == "before":
        c.start, c.end, c.precision = None, c.start - timedelta(days=1), "open"
    elif kind == "after":
        c.start, c.end, c.precision = c.end + timedelta(days=1), None, "open"


_RANGE_PRECISION = {"year": "years", "years": "years", "month": "months", "months": "months",
                    "day": "days", "days": "days"}


def _scan(norm: str, pub: date | None) -> list[_Cand]:
    g = _grammar()
    if not _DIGIT.search(norm) and g.anchors.isdisjoint(_WORDS.findall(norm)):
        return []
    cands: list[_Cand] = []
    for m in g.regex.finditer(norm):
        kind = m.lastgroup
        if kind in ("rel", "vr") and _general_adjective(g, norm, m):
            continue
        if kind == "wd" and _key(m.group()) == "الاثنين" \
                and _prev_word(norm, m.start()).lstrip("وف") in ("بين", "كلا", "من", "هذين", "كل", ""):
            continue
        try:
            c = _resolve(g, m, pub)
        except _Unresolved:
            c = _Cand(kind, m.start(), m.end(), None, None, "relative", point=False)
            if kind == "mo":
                w = _g(m, "mom")
                if w in g.ambiguous_months and not (m["mow"] or m["mod"]):
                    continue
                c.needs_prep = not (m["mow"] or m["mod"])
        if c is None:
            continue
        if kind not in ("ana", "ago"):
            p = g.prep_back.search(norm, max(0, c.s - 24), c.s)
            if p:
                c.prep, c.prep_s = _key(p["p"]), p.start("p")
        cands.append(c)
    return _merge(g, norm, cands)


def _merge(g: _Grammar, norm: str, cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands):
            b = cands[i + 1]
            between = norm[a.e:b.s]
            opened = a.prep and g.opener.search(a.prep)
            dash = between.strip() in ("-", "–")
            # في 2015 و2016، (2003 إلى 2015): two bare years are a range
            years = a.kind in ("by", "yr") and b.kind in ("by", "yr")
            if (opened or dash or years) and a.point and b.point and a.start and b.end \
                    and g.joiner.match(between) and a.start <= b.end:
                merged = _Cand(a.kind, a.s, b.e, a.start, b.end,
                               "years" if a.precision in ("year", "years") and b.precision in ("year", "years")
                               else _RANGE_PRECISION.get(max(a.precision, b.precision, key=_coarseness), "season"),
                               point=False, prep=a.prep, prep_s=a.prep_s)
                out.append(merged)
                i += 2
                continue
        if a.needs_prep and not (a.prep and (a.kind != "by" or a.prep in g.bare_year_preps)) \
                and not (a.kind == "by" and _year_noun(g, norm, a.s)):
            i += 1
            continue
        kind = g.prep_kind.get(a.prep, "plain") if a.prep else "plain"
        _apply_prep(a, kind)
        out.append(a)
        i += 1
    return out


_ORDER = ("day", "days", "week", "month", "months", "season", "year", "years")


def _coarseness(p: str) -> int:
    return _ORDER.index(p) if p in _ORDER else len(_ORDER)


_CLAUSE_END = frozenset(".،,;؛:!?؟\n")


def _future(g: _Grammar, norm: str, pos: int, words: int = 8) -> bool:
    """A future marker (سوف، لن، المقرر ...) among the few words before `pos`, in its clause."""
    j = pos
    prev = ""
    for _ in range(words):
        while j > 0 and norm[j - 1].isspace():
            j -= 1
        k = j
        while k > 0 and not norm[k - 1].isspace() and norm[k - 1] not in _CLAUSE_END:
            k -= 1
        w = norm[k:j]
        if not w:
            return False
        w = w.strip('"()')
        if w in g.future_markers or (len(w) > 2 and w[0] in "وف" and w[1:] in g.future_markers) \
                or (prev and f"{w} {prev}" in g.future_markers):
            return True
        if k > 0 and norm[k - 1] in _CLAUSE_END:
            return False
        prev, j = w, k
    return False


def _year_noun(g: _Grammar, norm: str, pos: int) -> bool:
    """A bare year after انتخابات / اتفاق ... (or كأس العالم) is that event's year."""
    w = _prev_word(norm, pos)
    if w in g.year_nouns or (len(w) > 3 and w[0] in "وبل" and w[1:] in g.year_nouns):
        return True
    w2 = _prev_word(norm, pos - len(w) - 1) if w else ""
    return f"{w2} {w}" in g.year_nouns


def _prev_word(norm: str, pos: int) -> str:
    j = pos - 1
    while j >= 0 and norm[j].isspace():
        j -= 1
    k = j
    while k >= 0 and not norm[k].isspace():
        k -= 1
    return norm[k + 1:j + 1]


def _general_adjective(g: _Grammar, norm: str, m: re.Match) -> bool:
    """العام after الأمين / المدعي ... is "general", not "year"."""
    unit = _g(m, "relu2") if m.lastgroup == "rel" else None
    if unit != "العام":
        return False
    return _prev_word(norm, m.start()) in g.general_heads


# --------------------------------------------------------------------------- API

@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Month and weekday names of every calendar, normalised: words of dates, never actors."""
    raw = load_yaml("hadath.extract", "data/dates.yaml")
    return frozenset(normalize(w) for table in ("months", "hijri_months", "weekdays")
                     for words in raw[table].values() for w in words)


def find_dates(text: str, start: int = 0, end: int | None = None,
               published: str | None = None) -> list[DateSpan]:
    """Date expressions of text[start:end], as DateSpans with offsets into `text`."""
    end = len(text) if end is None else end
    segment = text[start:end]
    if not segment:
        return []
    norm, index = normalize_with_map(segment)
    pub = _published(published)
    spans = []
    for c in _scan(norm, pub):
        s = c.prep_s if c.prep and c.prep_s >= 0 else c.s
        e = c.e
        while e > s and norm[e - 1].isspace():
            e -= 1
        cs, ce = start + index[s], start + index[e - 1] + 1
        while ce < end and text[ce] == "\u0640":   # the tatweel of هـ
            ce += 1
        if ce < end and text[ce] == ")" and text.count("(", cs, ce) > text.count(")", cs, ce):
            ce += 1                                  # ديسمبر (2018)
        spans.append(DateSpan(
            start=c.start.isoformat() if c.start else None,
            end=c.end.isoformat() if c.end else None,
            precision=c.precision, text=text[cs:ce], char_start=cs, char_end=ce))
    return spans


def is_anaphoric(text: str, start: int = 0, end: int | None = None) -> DateSpan | None:
    """The first anaphoric date expression (في ذلك الوقت، آنذاك ...) in text[start:end]."""
    for span in find_dates(text, start, end, None):
        if span.precision == "anaphoric":
            return span
    return None


def since(span: DateSpan) -> DateSpan:
    """The open interval that starts with `span` (for "after X happened in 2014")."""
    return DateSpan(span.start, None, "open" if span.start else span.precision,
                    span.text, span.char_start, span.char_end)


def until(span: DateSpan) -> DateSpan:
    """The open interval that ends with `span` (for "before X happened in 2014")."""
    return DateSpan(None, span.end, "open" if span.end else span.precision,
                    span.text, span.char_start, span.char_end)


def date_for_trigger(text: str, span: DateSpan, trigger_start: int) -> DateSpan:
    """The date of an event whose trigger is at `trigger_start`, given the date expression
    `span` of its sentence: when the date sits in a clause that the trigger governs through
    بعد أن / عقب / قبل أن ... (بدأ في شن غارات ... بعد أن أطلق حفتر عملية الكرامة في عام
    2014), the date is that earlier event's, and the trigger's event comes after it (an
    interval open at the end) or before it (open at the start). Otherwise `span` itself."""
    if span.start is None and span.end is None or not trigger_start < span.char_start:
        return span
    g = _grammar()
    between = normalize(text[trigger_start:span.char_start])
    m = None
    for m in g.subordinator.finditer(between):
        pass
    if m is None or g.clause_break.search(between, m.end()):
        return span
    kind = g.subordinators[_key(m["sub"])]
    return since(span) if kind == "after" else until(span)
