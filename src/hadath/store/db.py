"""Opening the store: SQLite in WAL mode, and one-line errors for what can go wrong with it.

WAL lets readers (queries, the web UI) work while an ingest writes, and a transaction is
either wholly in the file or not at all, so a SIGKILL at any moment loses at most the
batch being written. `synchronous=NORMAL` keeps every committed batch through a crash
of the process; only a power cut can undo the last few (never corrupt the file).
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from hadath.errors import HadathError
from hadath.store.schema import SCHEMA_VERSION, create_or_migrate

BUSY_TIMEOUT_MS = 60_000


def connect_writer(path: str | os.PathLike) -> sqlite3.Connection:
    """A connection that may write; creates the store (and its schema) when needed."""
    path = Path(path)
    if path.is_dir():
        raise HadathError(f"{path}: is a folder, not a database file")
    if path.exists() and not path.is_file():
        raise HadathError(f"{path}: not a regular file, not a database")
    if not path.parent.exists():
        raise HadathError(f"{path}: the folder {path.parent} does not exist")
    _check_regular(path)
    with translate(path):
        con = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                              check_same_thread=False)
        _check_sqlite_file(con, path)
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "meta" not in tables:
            con.close()
            raise HadathError(f"{path}: a SQLite database, but not a hadath store (refusing to write into it)")
        mode = con.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise HadathError(f"{path}: cannot use write-ahead logging here ({mode}); "
                              "put the database on a local disk")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("PRAGMA foreign_keys=ON")
        con.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        create_or_migrate(con)
    return con


def connect_reader(path: str | os.PathLike) -> sqlite3.Connection:
    """A read-only connection to an existing store (works while an ingest writes)."""
    path = Path(path)
    if not path.exists():
        raise HadathError(f"{path}: no such database (create it with `hadath ingest ... --db {path}`)")
    if path.is_dir():
        raise HadathError(f"{path}: is a folder, not a database file")
    _check_regular(path)
    with translate(path):
        try:
            con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                  timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            _check_sqlite_file(con, path)
        except sqlite3.OperationalError:
            # A read-only folder: WAL's shared-memory file cannot be made; read the file as is.
            con = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True,
                                  isolation_level=None, check_same_thread=False)
            _check_sqlite_file(con, path)
        con.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone():
            con.close()
            raise HadathError(f"{path}: not a hadath database (no hadath tables in it)")
        row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        version = int(row[0]) if row else 0
        if version != SCHEMA_VERSION:
            raise HadathError(f"{path}: store schema version {version}, this hadath reads {SCHEMA_VERSION}"
                              + (" (run `hadath ingest` on it to migrate)" if version < SCHEMA_VERSION
                                 else " (upgrade hadath)"))
    return con


def _check_regular(path: Path) -> None:
    # SQLite would block for ever opening a FIFO, or fail obscurely on a device.
    if path.exists() and not path.is_file():
        raise HadathError(f"{path}: not a regular file (a pipe or device?), not a database file")


def _check_sqlite_file(con: sqlite3.Connection, path: Path) -> None:
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as e:
        con.close()
        if "not a database" in str(e) or "malformed" in str(e):
            raise HadathError(f"{path}: not a hadath database (or a damaged one): {e}") from None
        raise


@contextlib.contextmanager
def translate(path):
    """SQLite failures a user can foresee, as one-line HadathErrors."""
    try:
        yield
    except sqlite3.Error as e:
        raise HadathError(f"{path}: {explain(e)}") from e


def explain(e: sqlite3.Error) -> str:
    msg = str(e)
    low = msg.lower()
    if "readonly" in low or "read-only" in low:
        return "the database is read-only (check the file's and its folder's permissions)"
    if "disk is full" in low or "database or disk is full" in low:
        return "disk full: the current batch was not written; free some space and run the same command again"
    if "unable to open" in low:
        return "cannot open the database file (check the path and permissions)"
    if "locked" in low or "busy" in low:
        return "the database is locked by another writer; try again when it has finished"
    if "malformed" in low or "not a database" in low:
        return f"damaged or not a database ({msg})"
    return msg


def transaction(con: sqlite3.Connection):
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on any error), for a connection in autocommit mode."""
    @contextlib.contextmanager
    def tx():
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    return tx()
