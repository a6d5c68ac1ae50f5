"""Input readers: files and folders to `Document`s, with a clear error for what can't be read.

`read_inputs(paths)` yields a `Document` or an `InputError` per input document, so a
batch always goes on. Text is decoded strictly: UTF-8 (with or without BOM) by default;
`encoding="auto"` also accepts UTF-16 with BOM, Windows-1256 and ISO-8859-6, detected,
and records the choice in `doc.meta["encoding"]`.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator

from hadath.errors import InputError
from hadath.model import Document

MAX_BYTES = 50_000_000          # per document; larger inputs are refused, not truncated
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def read_inputs(paths, encoding: str = "utf-8", published: str | None = None,
                max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError]:
    for path in _expand(paths):
        if isinstance(path, InputError):
            yield path
            continue
        suffix = path.suffix.lower()
        try:
            if suffix in JSONL_SUFFIXES:
                yield from _read_jsonl(path, encoding, published, max_bytes)
            else:
                yield _read_text(path, encoding, published, max_bytes)
        except InputError as e:
            yield e
        except OSError as e:
            yield InputError(str(path), e.strerror or str(e))


def _expand(paths) -> Iterator[Path | InputError]:
    for p in map(Path, paths):
        if p.is_dir():
            for root, _, files in sorted(os.walk(p)):
                for f in sorted(files):
                    if not f.startswith("."):
                        yield Path(root) / f
        elif p.exists():
            yield p
        else:
            yield InputError(str(p), "no such file or directory")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(str(path), f"too large ({size:,} bytes; the limit is {max_bytes:,})")
    return path.read_bytes()


def decode(data: bytes, where: str, encoding: str = "utf-8") -> tuple[str, str]:
    """Decoded text and the encoding used, or an InputError saying why not."""
    if not data.strip():
        raise InputError(where, "empty document")
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if encoding != "auto":
            raise InputError(where, "UTF-16 text, not UTF-8 (use --encoding auto or utf-16)")
        return _check(data.decode("utf-16"), where), "utf-16"
    if _looks_binary(data):
        raise InputError(where, "binary file, not text")
    try:
        return _check(data.decode("utf-8"), where), "utf-8"
    except UnicodeDecodeError as e:
        if encoding in ("utf-8", "utf8"):
            guess = _guess(data)
            hint = f" (looks like {guess}; use --encoding auto or --encoding {guess})" if guess else ""
            raise InputError(where, f"not valid UTF-8 at byte {e.start}{hint}") from None
    if encoding == "auto":
        guess = _guess(data)
        if guess is None:
            raise InputError(where, "unknown text encoding (not UTF-8, UTF-16, Windows-1256 or ISO-8859-6)")
        return _check(data.decode(guess), where), guess
    try:
        return _check(data.decode(encoding), where), encoding
    except (UnicodeDecodeError, LookupError) as e:
        raise InputError(where, f"cannot decode as {encoding}: {e}") from None


def _check(text: str, where: str) -> str:
    if not text.strip():
        raise InputError(where, "empty document")
    return text


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head and not (head[1:2] == b"\x00" or head[:1] == b"\x00"):
        return True
    if head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"PK\x03\x04", b"GIF8", b"\x1f\x8b")):
        return True
    if b"\x00" in head:   # UTF-16 without a BOM has NULs every other byte
        return not _utf16_plausible(head)
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def _utf16_plausible(head: bytes) -> bool:
    try:
        head[: len(head) // 2 * 2].decode("utf-16-le" if head[1:2] == b"\x00" or head[1] < 8 else "utf-16-be")
        return True
    except UnicodeDecodeError:
        return False


def _guess(data: bytes) -> str | None:
    """Windows-1256 or ISO-8859-6 for single-byte Arabic, by which decodes to more letters."""
    best, best_score = None, 0.0
    for enc in ("windows-1256", "iso-8859-6"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        letters = sum(1 for c in text if "\u0621" <= c <= "\u064A")
        score = letters / max(1, len(text))
        if score > best_score:
            best, best_score = enc, score
    return best if best_score > 0.2 else None


def _read_text(path: Path, encoding: str, published: str | None, max_bytes: int) -> Document:
    text, used = decode(_read_bytes(path, max_bytes), str(path), encoding)
    return Document(id=path.stem, text=text,
                    published=published, meta={"path": str(path), "encoding": used})


def _read_jsonl(path: Path, encoding: str, published: str | None,
                max_bytes: int) -> Iterator[Document | InputError]:
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            where = f"{path}:{n}"
            if not raw.strip():
                continue
            try:
                if len(raw) > max_bytes:
                    raise InputError(where, f"line too large ({len(raw):,} bytes)")
                line, _ = decode(raw, where, encoding)
                try:
                    row = json.loads(line)
                except ValueError as e:
                    raise InputError(where, f"not valid JSON ({e.msg} at column {e.colno})") from None
                if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                    raise InputError(where, 'a JSONL line must be an object with a "text" string')
                if not row["text"].strip():
                    raise InputError(where, "empty document")
                doc_id = str(row.get("id") or f"{path.stem}-{n}")
                meta = {k: v for k, v in row.items() if k not in ("id", "text")}
                meta.setdefault("path", str(path))
                yield Document(id=doc_id, text=row["text"], published=row.get("published") or published,
                               meta=meta)
            except InputError as e:
                yield e
