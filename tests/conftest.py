"""Shared fixtures. Tests that need ../shared skip cleanly when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "examples" / "cafiero_haftar_israel.ar.txt"
REFERENCE_GOLD = SHARED / "examples" / "cafiero_haftar_israel.ar.gold.json"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval" / "FORMAT.md").exists():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture(scope="session")
def reference_text(shared) -> str:
    return REFERENCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pipeline():
    from hadath.extract import load_pipeline
    return load_pipeline()
