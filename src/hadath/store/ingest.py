"""Corpus ingestion: inputs -> pipeline (in worker processes) -> the store (written by this process).

    from hadath.store.ingest import ingest
    report = ingest(["corpus/"], "hadath.db", workers=2)

The parent walks the inputs (files, JSONL lines, CSV rows: cheap), hands them to the
workers in small chunks and writes what comes back, in input order, one transaction per
batch. Each worker loads the pipeline once, decodes and parses its documents, skips
those the store already holds (by content hash, read through its own read-only
connection), and runs the pipeline under a per-document time limit.

Idempotent and resumable: documents are keyed by content hash and errors by input place,
so a second run adds nothing and a run after a crash or Ctrl-C finishes the job.
Corroboration (copies and event clusters) is brought up to date at the end (corroborate.py):
only what the new documents can change, unless `full`.
"""
from __future__ import annotations

import collections
import functools
import importlib
import json
import multiprocessing as mp
import os
import signal
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from hadath import __version__
from hadath.errors import HadathError, InputError
from hadath.limits import DEFAULT_MAX_CHARS, DEFAULT_TIME_LIMIT, time_limit
from hadath.limits import TimeLimitExceeded as _Timeout
from hadath.readers import MAX_BYTES, Unit, iter_units, load_unit
from hadath.store import corroborate
from hadath.store.db import connect_writer, explain, transaction, translate
from hadath.store.rows import content_hash, document_rows
from hadath.store.writer import Writer, now

DEFAULT_PIPELINE = "hadath.extract:load_pipeline"
CHUNK = 8                          # units per task sent to a worker
BATCH = 256                        # documents per transaction
BATCH_SECONDS = 2.0                # ... or fewer, when they come slowly


@dataclass
class Options:
    encoding: str = "utf-8"
    published: str | None = None
    max_bytes: int = MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS
    time_limit: float | None = DEFAULT_TIME_LIMIT
    pipeline: str = DEFAULT_PIPELINE          # "module:factory", called once per worker
    pipeline_kwargs: dict = field(default_factory=dict)


@dataclass
class Report:
    run_id: int | None = None
    seen: int = 0
    documents: int = 0
    skipped: int = 0
    errors: int = 0
    events: int = 0
    copies: int = 0
    clusters: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    versions: dict = field(default_factory=dict)


# -- worker side -----------------------------------------------------------------------

_state: dict[str, Any] = {}


def _init_worker(db: str | None, options: Options) -> None:
    """Once per worker: load the pipeline; open the store read-only for the already-seen check."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle
    _setup(db, options)
    if options.time_limit:
        import threading
        threading.Thread(target=_watchdog, args=(options.time_limit,), daemon=True).start()


def _watchdog(limit: float) -> None:
    """The time limit is an alarm, which Python code obeys; a document stuck in C code (a
    runaway regular expression) would not: past three times the limit the worker exits,
    the pool starts another, and the parent records the lost documents as errors."""
    while True:
        time.sleep(1.0)
        started = _state.get("started")
        if started is not None and time.monotonic() - started > 3 * limit + 10:
            os._exit(70)


def _setup(db: str | None, options: Options, con: sqlite3.Connection | None = None) -> None:
    spec = (options.pipeline, repr(sorted(options.pipeline_kwargs.items())))
    if _state.get("spec") != spec:   # already loaded (before the fork, by the parent): shared
        module, _, attr = options.pipeline.partition(":")
        factory = getattr(importlib.import_module(module), attr or "load_pipeline")
        _state["nlp"] = factory(**options.pipeline_kwargs)
        _state["spec"] = spec
    _state["options"] = options
    _state["db"] = db
    _state["con"] = con   # a worker opens its own on first use (the store may not exist yet)


def _known(h: str) -> bool:
    con = _state.get("con")
    try:
        if con is None:
            if not _state.get("db"):
                return False
            con = _state["con"] = sqlite3.connect(f"{Path(_state['db']).resolve().as_uri()}?mode=ro", uri=True,
                                                  check_same_thread=False)
            con.execute("PRAGMA busy_timeout=60000")
        return con.execute("SELECT 1 FROM documents WHERE hash=?", (h,)).fetchone() is not None
    except sqlite3.Error:
        return False   # the parent's writer will tell; this is only a shortcut


def _process_chunk(units: list[Unit]) -> list[dict]:
    return [_process_safely(u) for u in units]


def _process_safely(unit: Unit) -> dict:
    opts: Options = _state["options"]
    _state["started"] = time.monotonic()
    try:
        with time_limit(opts.time_limit):
            return _process(unit, opts)
    except _Timeout:
        return {"error": (unit.where, f"took longer than {opts.time_limit:g} s (see --time-limit); skipped")}
    finally:
        _state["started"] = None


def _process(unit: Unit, opts: Options) -> dict:
    """One unit -> {"doc": rows} | {"error": (where, reason)} | {"skip": where}."""
    try:
        doc = load_unit(unit, opts.encoding, opts.published, opts.max_bytes)
        if isinstance(doc, InputError):
            return {"error": (doc.where, doc.reason)}
        if len(doc.text) > opts.max_chars:
            return {"error": (unit.where, f"too long ({len(doc.text):,} characters; the limit is "
                                          f"{opts.max_chars:,}, see --max-chars)")}
        h = content_hash(doc.text)
        if _known(h):
            return {"skip": unit.where}
        doc = _state["nlp"](doc) or doc
        return {"doc": document_rows(doc, unit.where, h)}
    except MemoryError:
        return {"error": (unit.where, "out of memory while processing this document")}
    except Exception as e:   # one bad document never stops the batch
        return {"error": (unit.where, f"extraction failed: {type(e).__name__}: {_one_line(e)}")}


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split())[:300]


# -- parent side -----------------------------------------------------------------------

def ingest(paths, db: str = "hadath.db", workers: int | None = None, options: Options | None = None,
           window: int = corroborate.DEFAULT_WINDOW, on_error: Callable[[str, str], None] | None = None,
           progress: bool | None = None, batch: int = BATCH, full: bool = False) -> Report:
    """Ingest every input under `paths` into the store at `db`; see the module docstring."""
    options = options or Options()
    workers = max(1, workers or (os.cpu_count() or 1))
    # Parallelism is one process per core: a numerical library in the pipeline must not add
    # its own threads (OpenBLAS threads spin, and starve the other workers).
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    # Workers are forked before this process opens the store: SQLite connections and
    # their locks must never cross a fork.
    pool = _start_pool(db, workers, options) if workers > 1 else None
    try:
        con = connect_writer(db)
    except BaseException:
        if pool is not None:
            pool.terminate()
            pool.join()
        raise
    report = Report()
    started = time.monotonic()
    try:
        with translate(db):
            report.run_id = _start_run(con, paths, workers, options, window)
        writer = Writer(con, report.run_id)
        bar = _progress_bar(progress)
        try:
            _run(paths, db, con, writer, pool, workers, options, report, on_error, bar, batch)
        except KeyboardInterrupt:
            report.interrupted = True
        finally:
            if bar is not None:
                bar.close()
        with translate(db):
            if not report.interrupted and (full or _dirty(con, window)):
                result = corroborate.finalize(con, window, full)
                report.copies, report.clusters = result["copies"], result["clusters"]
            report.seconds = time.monotonic() - started
            _finish_run(con, report)
    except sqlite3.Error as e:
        raise HadathError(f"{db}: {explain(e)}") from e
    finally:
        if pool is not None:   # already closed and joined after a normal run
            pool.terminate()
            pool.join()
        con.close()
    return report


def _start_pool(db, workers: int, options: Options):
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None)
    if ctx.get_start_method() == "fork":
        _preload(options)
    return ctx.Pool(workers, initializer=_init_worker, initargs=(str(db), options))


# A sentence that wakes every component (names, agents, a reporting verb, an event), so
# that what they load lazily is loaded once, before the fork, and shared by the workers.
_WARM_UP = "قال الرئيس المصري عبد الفتاح السيسي إن القاهرة تدعم الحل السياسي في ليبيا، وفق وكالة الأنباء."


def _preload(options: Options) -> None:
    """Load the pipeline in this process so that forked workers share it (copy-on-write)
    instead of each loading it; only if that leaves this process single-threaded."""
    from hadath.model import Document
    try:
        import trafilatura  # noqa: F401  (slow to import: once here, not in each worker's first page)
    except ImportError:
        pass
    try:
        _setup(None, options)
        _state["nlp"](Document("warm-up", _WARM_UP))
    except Exception:
        _state.pop("spec", None)   # the workers will load it, and report what fails
        return
    finally:
        _state["con"] = None
    if threading_count() > 1:
        _state.pop("spec", None)   # threads do not survive a fork: each worker loads its own
        _state.pop("nlp", None)


def threading_count() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        import threading
        return threading.active_count()


def _dirty(con: sqlite3.Connection, window: int) -> bool:
    meta = dict(con.execute("SELECT key, value FROM meta WHERE key IN ('dirty', 'window')").fetchall())
    return "dirty" in meta or meta.get("window") != str(window)


def _run(paths, db, con, writer, pool, workers, options, report, on_error, bar, batch_size) -> None:
    pending: list[dict] = []
    last_write = time.monotonic()

    def take(result: dict) -> None:
        report.seen += 1
        if "error" in result and on_error:
            on_error(*result["error"])
        pending.append(result)
        if len(pending) >= batch_size or time.monotonic() - last_write > BATCH_SECONDS:
            flush()

    def flush() -> None:
        nonlocal last_write
        if pending:
            with translate(db):
                counts = writer.write_batch(pending)
            for k, v in counts.items():
                setattr(report, k, getattr(report, k) + v)
            pending.clear()
            if bar is not None:
                bar.update(0)
        last_write = time.monotonic()

    def show(n: int) -> None:
        if bar is not None:
            bar.update(n)
            bar.set_postfix(events=report.events + sum(len(p["doc"]["events"]) for p in pending if "doc" in p),
                            errors=report.errors + sum(1 for p in pending if "error" in p), refresh=False)

    own = {Path(f"{db}{suffix}").resolve() for suffix in ("", "-wal", "-shm", "-journal")}
    resolve = functools.lru_cache(maxsize=64)(lambda p: Path(p).resolve())
    units = _chunks(u for u in iter_units(paths, options.encoding, options.max_bytes)
                    if not (isinstance(u, Unit) and resolve(u.path) in own))   # never ingest the store itself
    if pool is None:
        _setup(None, options, con)   # in this process: the writer's connection serves the check
        report.versions = pipeline_versions()
        for chunk in units:
            for item in chunk:
                take(item if isinstance(item, dict) else _process_safely(item))
            show(len(chunk))
        flush()
        return
    try:
        report.versions = pool.apply(pipeline_versions)
        inflight: collections.deque = collections.deque()
        for chunk in units:
            inflight.append(_submit(pool, chunk))
            while len(inflight) > workers * 4:   # bounded: memory stays flat however big the corpus
                _collect(inflight.popleft(), take, show, options)
        while inflight:
            _collect(inflight.popleft(), take, show, options)
        flush()
        pool.close()
        pool.join()
    except BaseException:
        pool.terminate()
        pool.join()
        raise



def _chunks(items):
    """Lists of up to CHUNK units; an InputError found while walking becomes a ready result."""
    chunk = []
    for item in items:
        chunk.append({"error": (item.where, item.reason)} if isinstance(item, InputError) else item)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _submit(pool, chunk):
    units = [u for u in chunk if isinstance(u, Unit)]
    return chunk, (pool.apply_async(_process_chunk, (units,)) if units else None)


def _collect(job, take, show, options: Options) -> None:
    chunk, async_result = job
    results = []
    if async_result is not None:
        # A worker that dies (killed, segfault, watchdog) loses its task: do not wait for it forever.
        limit = (3 * (options.time_limit or 600) + 10) * len(chunk) + 60
        try:
            results = async_result.get(timeout=limit)
        except mp.TimeoutError:
            results = [{"error": (u.where, "the worker processing it stopped responding")}
                       for u in chunk if isinstance(u, Unit)]
    it = iter(results)
    for item in chunk:
        take(item if isinstance(item, dict) else next(it))
    show(len(chunk))


def _progress_bar(progress: bool | None):
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm
    return tqdm(unit=" docs", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


# -- runs --------------------------------------------------------------------------------

def pipeline_versions() -> dict[str, Any]:
    """Versions of what shapes the output: hadath, and any component that declares one
    (a `version` attribute on a component, or a `versions` dict on the pipeline)."""
    options = _state.get("options") or Options()
    versions: dict[str, Any] = {"hadath": __version__, "pipeline": options.pipeline}
    nlp = _state.get("nlp")
    for name, component in getattr(nlp, "components", []) or []:
        v = getattr(component, "version", None)
        if v is not None:
            versions[name] = str(v)
    v = getattr(nlp, "versions", None)
    if isinstance(v, dict):
        versions.update({str(k): str(x) for k, x in v.items()})
    versions["data"] = data_versions()
    return versions


@functools.lru_cache(maxsize=1)
def data_versions() -> dict[str, str]:
    """A fingerprint of each part's shipped data (lexicons, knowledge base, models): sha256 of its files."""
    import hashlib
    from importlib import resources

    root = Path(str(resources.files("hadath")))
    out = {}
    for data in [root / "data", *sorted(root.glob("*/data"))]:
        h = hashlib.sha256()
        for f in sorted(p for p in data.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(str(f.relative_to(data)).encode() + b"\0")
            h.update(f.read_bytes())
        out["ontology" if data.parent == root else data.parent.name] = h.hexdigest()[:16]
    return out


def _start_run(con, paths, workers, options: Options, window: int) -> int:
    config = {"workers": workers, "encoding": options.encoding, "published": options.published,
              "max_bytes": options.max_bytes, "max_chars": options.max_chars, "time_limit": options.time_limit,
              "pipeline": options.pipeline, "pipeline_kwargs": options.pipeline_kwargs, "window": window}
    with transaction(con):
        run_id = con.execute("INSERT INTO runs (started, hadath_version, config, inputs) VALUES (?,?,?,?)",
                             (now(), __version__, json.dumps(config, sort_keys=True),
                              json.dumps([str(p) for p in paths], ensure_ascii=False))).lastrowid
        con.executemany("INSERT OR IGNORE INTO run_inputs VALUES (?,?,?,?)", _manifest(run_id, paths))
    return run_id


def _manifest(run_id: int, paths):
    """(run, path, size, mtime) of every input file, as a stream."""
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    yield _file_entry(run_id, Path(root) / f)
        else:
            yield _file_entry(run_id, p)


def _file_entry(run_id: int, f: Path):
    try:
        st = f.lstat()
        return run_id, str(f), st.st_size, st.st_mtime
    except OSError:
        return run_id, str(f), None, None


def _finish_run(con, report: Report) -> None:
    status = "interrupted" if report.interrupted else "done"
    with transaction(con):
        con.execute("UPDATE runs SET finished=?, status=?, documents=?, skipped=?, errors=?, events=?, versions=? "
                    "WHERE id=?", (now(), status, report.documents, report.skipped, report.errors, report.events,
                                   json.dumps(report.versions, sort_keys=True),
                                   report.run_id))
