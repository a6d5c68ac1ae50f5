"""The KnowledgeBase object and `load_kb()` (compiled once, cached on disk and in memory)."""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from hadath.kb.actors import Actor, ActorTable
from hadath.kb.compile import COMPILED_FROM
from hadath.kb.loader import COMPILER_VERSION, Agent, RawBase, data_dir, data_files, read_base
from hadath.kb.names import name_key
from hadath.model import Entity, Mention
from hadath.resources import read_text


class KnowledgeBase:
    def __init__(self, raw: RawBase, tables: dict):
        self.actors: ActorTable = ActorTable(raw.actors)
        self.agents: dict[str, Agent] = raw.agents
        self.demonyms: dict[str, dict] = raw.demonyms
        self.problems: list[str] = raw.problems
        self.entries: list[tuple] = tables["entries"]
        self.keys: dict[str, tuple[int, ...]] = tables["keys"]
        self.prefixes: frozenset[str] = tables["prefixes"]
        self.vocab: frozenset[str] = tables["vocab"]
        self.fuzzy: dict[str, str] = tables["fuzzy"]   # deletion variant -> forms joined by SEP
        self.type_counts: dict[str, int] = tables["counts"]
        self.role_index: dict[tuple[str, str], list[tuple[str, int]]] = tables["roles"]
        self._english: dict[str, list[str]] | None = None
        self.article: dict[str, bool] = tables["article"]
        self.agent_keys: frozenset[str] = tables["agent_keys"]
        self.given_names: frozenset[str] = tables["given_names"]

    # -- look-ups -------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self.actors

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def entity(self, actor_id: str, published: str | None = None) -> Entity | None:
        a = self.actors.get(actor_id)
        return a.entity(published) if a else None

    def counts(self) -> dict[str, int]:
        """Actor count by type (plus agents)."""
        out = dict(sorted(self.type_counts.items()))
        out["agent"] = len(self.agents)
        return out

    @property
    def english(self) -> dict[str, list[str]]:
        """casefolded English name, alias or id -> actor ids (built on first use)."""
        if self._english is None:
            index: dict[str, list[str]] = {}
            for a in self.actors.values():
                for n in {a.name, *a.en, a.id}:
                    index.setdefault(n.casefold(), []).append(a.id)
            self._english = index
        return self._english

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_english"] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)

    def search(self, name: str, limit: int = 20) -> list[Actor]:
        """Actors whose Arabic or English name (or id) equals, then contains, `name`."""
        found: list[str] = []
        key = name_key(name)
        for n in self.keys.get(key, ()):
            target, kind, _ = self.entries[n]
            if target in self.actors and target not in found:
                found.append(target)
        for aid in self.english.get(name.strip().casefold(), []):
            if aid not in found:
                found.append(aid)
        if len(found) < limit and len(name.strip()) >= 2:
            low = name.strip().casefold()
            for k, ids in self.keys.items():
                if key and key in k:
                    for n in ids:
                        t = self.entries[n][0]
                        if t in self.actors and t not in found:
                            found.append(t)
                if len(found) >= limit:
                    break
            for en, ids in self.english.items():
                if low in en:
                    found += [i for i in ids if i not in found]
                if len(found) >= limit:
                    break
        return [self.actors[i] for i in found[:limit]]

    def match(self, text: str, published: str | None = None) -> list[Mention]:
        """Mentions of actors in a text (sentences and tokens computed here; no NER)."""
        from hadath.kb.finder import MentionFinder
        from hadath.model import Document
        from hadath.extract.pipeline import segment_text
        doc = Document(id="text", text=text, published=published)
        segment_text(doc)
        MentionFinder(ner=False, kb=self)(doc)
        return doc.mentions


# -- loading ------------------------------------------------------------------------
KEEP_CACHES = 4


def _cache_dir() -> Path:
    env = os.environ.get("HADATH_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "hadath"


def _fingerprint(files: list[Path]) -> str:
    h = hashlib.sha1(COMPILER_VERSION.encode())
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    for package, name in COMPILED_FROM:   # other packages' data the compiler reads (given names)
        h.update(read_text(package, name).encode())
    return h.hexdigest()[:20]


def _unpickle(f) -> KnowledgeBase:
    """Load without the cyclic garbage collector: a million fresh containers would set it off
    again and again (4 s instead of 1 s for 100k actors). The base lives as long as the
    process, so it is then moved out of the collector's sight (gc.freeze)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        kb = pickle.load(f)
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return kb


def build_kb(directory: Path | None = None) -> KnowledgeBase:
    """Read and compile without any cache."""
    from hadath.kb.compile import compile_base
    enabled = gc.isenabled()
    gc.disable()   # as in _unpickle: reading and compiling make millions of small objects
    try:
        raw = read_base(directory)
        return KnowledgeBase(raw, compile_base(raw))
    finally:
        if enabled:
            gc.enable()


def load_kb_from(directory: Path | None = None, use_cache: bool = True) -> KnowledgeBase:
    files = data_files(directory)
    if not use_cache:
        return build_kb(directory)
    cache = _cache_dir() / f"kb-{_fingerprint(files)}.pickle"
    try:
        with open(cache, "rb") as f:
            return _unpickle(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    kb = build_kb(directory)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        # keep a few recent versions (several checkouts may share the cache dir)
        olds = sorted(cache.parent.glob("kb-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in olds[:-KEEP_CACHES + 1] if len(olds) >= KEEP_CACHES else ():
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(kb, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass   # a read-only home: work without the cache
    return kb


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The shipped knowledge base (compiled once per data version, then memory-cached)."""
    return load_kb_from(None)


__all__ = ["KnowledgeBase", "load_kb", "load_kb_from", "build_kb", "data_dir"]
