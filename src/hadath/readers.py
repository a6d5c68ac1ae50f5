"""Input readers: files and folders to `Document`s, with a clear error for what can't be read.

`read_inputs(paths)` yields a `Document` or an `InputError` per input document, so a
batch always goes on. Formats, by suffix (any of them may be gzipped, `.gz`):
  .txt (and anything unknown)  one document per file, id = file stem
  .html .htm .xhtml            main text, title, date, author and outlet (trafilatura)
  .jsonl .ndjson               one document per line: {"id", "text", ...metadata}
  .csv .tsv                    one document per row: columns id, text, ...metadata

Text is decoded strictly: UTF-8 (with or without BOM) by default; `encoding="auto"`
also accepts UTF-16 (with or without BOM), Windows-1256 and ISO-8859-6, detected, and
records the choice in `doc.meta["encoding"]`.

Reading is split in two steps so that an ingest can run the costly one in worker
processes: `iter_units(paths)` is the cheap walk (files, JSONL lines, CSV rows) done by
one process, `load_unit(unit)` decodes and parses one document.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from hadath.errors import InputError
from hadath.model import Document
from hadath.text.normalize import INVISIBLE

MAX_BYTES = 50_000_000          # per document; larger inputs are refused, not truncated
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
AUTO_ENCODINGS = ("utf-8", "utf-16", "windows-1256", "iso-8859-6")
# A character that shows: not a space of any kind (NBSP, EM SPACE ...) nor an invisible one (ZWSP ...).
_VISIBLE = re.compile("[^\\s" + "".join(sorted(INVISIBLE)) + "]")
# Metadata keys understood in JSONL/CSV inputs and HTML pages (FORMAT.md).
RESERVED = ("id", "text")


@dataclass(slots=True)
class Unit:
    """One input document before decoding: a whole file, a JSONL line or a CSV row."""
    where: str                   # path, or path:line
    path: str
    kind: str                    # "text", "html", "jsonl", "row"
    data: Any = None             # raw line bytes (jsonl), row dict (row), None (read the file)
    gz: bool = False
    encoding: str | None = None  # for rows: the encoding the file was decoded with


def read_inputs(paths, encoding: str = "utf-8", published: str | None = None,
                max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError]:
    for unit in iter_units(paths, encoding, max_bytes):
        if isinstance(unit, InputError):
            yield unit
        else:
            yield load_unit(unit, encoding, published, max_bytes)


# -- walking the inputs --------------------------------------------------------------

def iter_units(paths, encoding: str = "utf-8", max_bytes: int = MAX_BYTES) -> Iterator[Unit | InputError]:
    """Every input document, cheaply: files are not read, JSONL lines and CSV rows are split."""
    for path in _expand(paths):
        if isinstance(path, InputError):
            yield path
            continue
        suffix, gz = _suffix(path)
        try:
            if suffix in JSONL_SUFFIXES:
                yield from _jsonl_units(path, gz, max_bytes)
            elif suffix in CSV_SUFFIXES:
                yield from _csv_units(path, gz, suffix, encoding, max_bytes)
            else:
                kind = "html" if suffix in HTML_SUFFIXES else "text"
                yield Unit(str(path), str(path), kind, None, gz)
        except InputError as e:
            yield e
        except (OSError, EOFError, zlib.error) as e:
            yield InputError(str(path), _os_reason(e))


def _suffix(path: Path) -> tuple[str, bool]:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return (suffixes[-2] if len(suffixes) > 1 else ""), True
    return (suffixes[-1] if suffixes else ""), False


def _expand(paths) -> Iterator[Path | InputError]:
    for p in map(Path, paths):
        if p.is_symlink() and not p.exists():
            yield InputError(str(p), "broken symbolic link")
        elif p.is_dir():
            for root, dirs, files in os.walk(p):   # os.walk does not follow directory links
                dirs.sort()
                for d in dirs:
                    if (Path(root) / d).is_symlink():
                        yield InputError(str(Path(root) / d), "symbolic link to a folder, not followed")
                for f in sorted(files):
                    if f.startswith("."):
                        continue
                    fp = Path(root) / f
                    if fp.is_symlink():
                        # Inside a folder a link may point anywhere (or loop): name it instead.
                        yield InputError(str(fp), "symbolic link, not followed (pass its target explicitly)")
                    else:
                        yield _regular(fp)
        elif p.exists():
            yield _regular(p)   # a link named explicitly on the command line is followed
        else:
            yield InputError(str(p), "no such file or directory")


def _regular(p: Path) -> Path | InputError:
    try:
        mode = p.stat().st_mode
    except OSError as e:
        return InputError(str(p), _os_reason(e))
    if not stat.S_ISREG(mode):
        return InputError(str(p), "not a regular file (device, socket or pipe)")
    return p


def _os_reason(e: Exception) -> str:
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, (EOFError, zlib.error)) or "gzip" in str(e).lower() or "CRC" in str(e):
        return f"damaged gzip file ({e})"
    if isinstance(e, OSError):
        return e.strerror or str(e)
    return str(e)


def _open_binary(path: Path, gz: bool):
    return gzip.open(path, "rb") if gz else open(path, "rb")


def _jsonl_units(path: Path, gz: bool, max_bytes: int) -> Iterator[Unit | InputError]:
    with _open_binary(path, gz) as f:
        n = 0
        while True:
            raw = f.readline(max_bytes + 1)
            if not raw:
                break
            n += 1
            where = f"{path}:{n}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):   # skip the rest of the giant line
                    raw = f.readline(1 << 20)
                yield InputError(where, f"line too large (over {max_bytes:,} bytes)")
                continue
            if raw.strip():
                yield Unit(where, str(path), "jsonl", raw, gz)


class _Lines:
    """The lines of a text stream, numbered, with a way to read some of them again."""

    def __init__(self, stream):
        self.stream = stream
        self.number = 0
        self.back: list[tuple[int, str]] = []    # lines to read again, last first
        self.taken: list[tuple[int, str]] = []   # lines of the record being parsed

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.back:
            item = self.back.pop()
        else:
            line = self.stream.readline()
            if not line:
                raise StopIteration
            self.number += 1
            item = (self.number, line)
        self.taken.append(item)
        return item[1]


def _csv_units(path: Path, gz: bool, suffix: str, encoding: str,
               max_bytes: int) -> Iterator[Unit | InputError]:
    """Rows of a CSV/TSV file, streamed (the encoding is decided on the first megabyte).

    A stray quote makes a field run on over the next lines; when that ends in a parse
    error, the first line is named and the lines after it are read again as rows."""
    with _open_binary(path, gz) as raw:
        head = raw.read(1 << 20)
        cut = head.rfind(b"\n") + 1 if len(head) == 1 << 20 else len(head)
        _, used = decode(head[:cut] or head, str(path), encoding)
        raw.seek(0)
        lines = _Lines(io.TextIOWrapper(raw, encoding="utf-8-sig" if used == "utf-8" else used, newline=""))
        csv.field_size_limit(max(max_bytes, 1 << 20))
        reader = csv.reader(lines, delimiter="\t" if suffix == ".tsv" else ",", strict=True)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise InputError(str(path), "empty document") from None
        except csv.Error as e:
            raise InputError(str(path), f"no readable CSV header ({e})") from None
        if "text" not in header:
            raise InputError(str(path), 'a CSV file needs a "text" column (and ideally "id")')
        lines.taken.clear()
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                first = lines.taken[0][0] if lines.taken else lines.number
                yield InputError(f"{path}:{first}", f"broken CSV ({e}; a stray quote?)")
                lines.back.extend(reversed(lines.taken[1:]))
                lines.taken.clear()
                continue
            except UnicodeDecodeError as e:
                yield InputError(f"{path}:{lines.number + 1}", f"not valid {used} from here on (byte {e.start} "
                                                               "of a block); the rest of the file is skipped")
                return
            where = f"{path}:{lines.taken[0][0]}" if lines.taken else f"{path}:{lines.number}"
            lines.taken.clear()
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(header):
                yield InputError(where, f"expected {len(header)} fields, found {len(row)} "
                                        "(a stray quote or delimiter?)")
                continue
            yield Unit(where, str(path), "row", dict(zip(header, row)), gz, used)


# -- reading one document ------------------------------------------------------------

def load_unit(unit: Unit, encoding: str = "utf-8", published: str | None = None,
              max_bytes: int = MAX_BYTES) -> Document | InputError:
    """The document of one unit, or the InputError saying why it can't be read."""
    try:
        if unit.kind == "jsonl":
            return _from_jsonl(unit, encoding, published, max_bytes)
        if unit.kind == "row":
            return _from_record(unit, dict(unit.data), published, unit.encoding)
        data = _read_bytes(Path(unit.path), unit.gz, max_bytes)
        if unit.kind == "html":
            return _from_html(unit, data, encoding, published)
        text, used = decode(data, unit.where, encoding)
        return Document(id=_stem(unit.path), text=text, published=published,
                        meta={"path": unit.path, "encoding": used})
    except InputError as e:
        return e
    except (OSError, EOFError, zlib.error) as e:
        return InputError(unit.where, _os_reason(e))


def _stem(path: str) -> str:
    name = Path(path).name
    for suffix in (".gz",):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return Path(name).stem


def _read_bytes(path: Path, gz: bool, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(str(path), f"too large ({size:,} bytes; the limit is {max_bytes:,})")
    with _open_binary(path, gz) as f:
        data = f.read(max_bytes + 1)   # bounded, so a gzip bomb cannot fill the memory
    if len(data) > max_bytes:
        raise InputError(str(path), f"too large once decompressed (over {max_bytes:,} bytes)")
    return data


def _from_jsonl(unit: Unit, encoding: str, published: str | None, max_bytes: int) -> Document:
    line, used = decode(unit.data, unit.where, encoding)
    try:
        row = json.loads(line)
    except ValueError as e:
        msg = getattr(e, "msg", str(e))
        msg = msg[:-3] if msg.endswith(" at") else msg
        col = f" at column {e.colno}" if hasattr(e, "colno") else ""
        raise InputError(unit.where, f"not valid JSON ({msg}{col})") from None
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise InputError(unit.where, 'a JSONL line must be an object with a "text" string')
    if _ESCAPED_SURROGATE.search(line):
        row = _no_surrogates(row)
    return _from_record(unit, row, published, used)


# JSON may escape half of a UTF-16 pair ("\ud83d" without its partner: an emoji cut in two). Such a
# lone surrogate can be neither written as UTF-8 nor stored, so each becomes U+FFFD, one for one
# (offsets hold). A whole escaped pair decodes to one character and is left alone.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(value):
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_no_surrogates(k): _no_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_no_surrogates(v) for v in value]
    return value


def _from_record(unit: Unit, row: dict, published: str | None, used: str | None) -> Document:
    text = row.get("text") or ""
    if not _VISIBLE.search(text):
        raise InputError(unit.where, "empty document")
    if "\x00" in text:
        raise InputError(unit.where, "binary content (NUL characters) in the text")
    line = unit.where.rsplit(":", 1)[-1]
    doc_id = str(row.get("id") or "").strip() or f"{_stem(unit.path)}-{line}"
    meta = {k: v for k, v in row.items() if k not in RESERVED and v not in (None, "")}
    meta.setdefault("path", unit.path)
    if used:
        meta["encoding"] = used
    pub = row.get("published") or published
    return Document(id=doc_id, text=text, published=str(pub) if pub else None, meta=meta)


def _from_html(unit: Unit, data: bytes, encoding: str, published: str | None) -> Document:
    text, used = _decode_html(data, unit.where, encoding)
    import trafilatura   # imported here: slow to import, needed only for HTML

    try:
        page = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                           include_tables=False)
    except Exception as e:   # trafilatura can fail in many ways on broken pages
        raise InputError(unit.where, f"unreadable HTML ({type(e).__name__})") from None
    body = getattr(page, "text", None) if page is not None else None
    if not body or not body.strip():
        raise InputError(unit.where, "no main text found in the HTML page")
    meta = {"path": unit.path, "encoding": used}
    for key, attr in (("title", "title"), ("author", "author"), ("outlet", "sitename"),
                      ("url", "url"), ("lang", "language")):
        value = getattr(page, attr, None)
        if value:
            meta[key] = value
    return Document(id=_stem(unit.path), text=body, published=getattr(page, "date", None) or published,
                    meta=meta)


def _decode_html(data: bytes, where: str, encoding: str) -> tuple[str, str]:
    """An HTML page may declare its charset: trust a declared single-byte Arabic one."""
    declared = _declared_charset(data[:4096])
    if declared in ("windows-1256", "iso-8859-6") and not _valid_utf8(data):
        try:
            return _check(data.decode(declared), where), declared
        except UnicodeDecodeError:
            pass
    return decode(data, where, encoding)


def _declared_charset(head: bytes) -> str | None:
    import re
    m = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", head, re.I)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return {"cp1256": "windows-1256", "windows-1256": "windows-1256", "iso-8859-6": "iso-8859-6",
            "arabic": "iso-8859-6", "utf-8": "utf-8", "utf8": "utf-8"}.get(name, name)


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


# -- decoding ------------------------------------------------------------------------

def decode(data: bytes, where: str, encoding: str = "utf-8") -> tuple[str, str]:
    """Decoded text and the encoding used, or an InputError saying why not."""
    if not data.strip():
        raise InputError(where, "empty document")
    auto = encoding == "auto"
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if not auto and not encoding.lower().startswith("utf-16"):
            raise InputError(where, "UTF-16 text, not UTF-8 (use --encoding auto or utf-16)")
        return _strict(data, "utf-16", where), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        if auto or encoding.lower().replace("_", "-") in ("utf-16", utf16):
            return _strict(data, utf16, where), utf16
        raise InputError(where, f"UTF-16 text without BOM ({utf16}), not UTF-8 (use --encoding auto)")
    if _looks_binary(data):
        raise InputError(where, "binary file, not text")
    if auto or encoding.lower() in ("utf-8", "utf8"):
        try:
            return _check(data.decode("utf-8"), where), "utf-8"
        except UnicodeDecodeError as e:
            if e.reason == "unexpected end of data":
                raise InputError(where, f"truncated multibyte UTF-8 sequence at byte {e.start} "
                                        "(the file was cut off)") from None
            if not auto or _mostly_utf8(data):
                guess = None if auto else _guess(data)
                hint = f" (looks like {guess}; use --encoding auto or --encoding {guess})" if guess else ""
                raise InputError(where, f"not valid UTF-8 at byte {e.start}{hint}") from None
        guess = _guess(data)
        if guess is None:
            raise InputError(where, "unknown text encoding (not UTF-8, UTF-16, Windows-1256 or ISO-8859-6)")
        return _check(data.decode(guess), where), guess
    return _strict(data, encoding, where), encoding


def _strict(data: bytes, encoding: str, where: str) -> str:
    try:
        return _check(data.decode(encoding), where)
    except UnicodeDecodeError as e:
        what = "truncated" if e.reason in ("truncated data", "unexpected end of data") else "invalid"
        raise InputError(where, f"{what} {encoding} text at byte {e.start}") from None
    except LookupError:
        raise InputError(where, f"unknown encoding {encoding!r}") from None


def _check(text: str, where: str) -> str:
    if not _VISIBLE.search(text):
        raise InputError(where, "empty document")
    if "\x00" in text:
        raise InputError(where, "binary content (NUL characters) in the text")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le or utf-16-be when one byte in two is the high byte of ASCII or Arabic."""
    head = data[:4096]
    n = len(head) // 2
    if n < 2 or b"\x00" not in head:
        return None
    even, odd = head[0:2 * n:2], head[1:2 * n:2]
    high = (0x00, 0x06)          # Basic Latin and the Arabic block
    odd_high = sum(1 for b in odd if b in high) / n
    even_high = sum(1 for b in even if b in high) / n
    for enc, ratio in (("utf-16-le", odd_high), ("utf-16-be", even_high)):
        if ratio > 0.9:
            try:
                text = data[: len(data) // 2 * 2].decode(enc)
            except UnicodeDecodeError:
                return None
            controls = sum(1 for c in text[:2048] if ord(c) < 32 and c not in "\t\r\n")
            return enc if controls <= len(text[:2048]) * 0.01 else None
    return None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"PK\x03\x04", b"GIF8", b"\x1f\x8b",
                        b"\x7fELF", b"SQLite format")):
        return True
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged bytes (not a single-byte encoding): many valid multibyte characters."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 0x7F) - bad
    return good >= 4 * max(1, bad)


# The most frequent letters of Arabic news text: a right decoding is full of them, a wrong
# single-byte decoding maps bytes to letters almost at random.
_FREQUENT = frozenset("اليمونهرةبتأعدسفكقحإ")


def _guess(data: bytes) -> str | None:
    """Windows-1256 or ISO-8859-6 for single-byte Arabic, by which decodes to more frequent letters."""
    best, best_score = None, 0.0
    for enc in ("windows-1256", "iso-8859-6"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        letters = [c for c in text if "\u0621" <= c <= "\u064A"]
        if len(letters) < 0.2 * max(1, len(text.strip())):
            continue
        score = sum(1.0 if c in _FREQUENT else 0.2 for c in letters) / len(letters)
        if score > best_score:
            best, best_score = enc, score
    return best
