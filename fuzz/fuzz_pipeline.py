"""Coverage-guided fuzz target (atheris) for bytes -> reader's decoding -> pipeline -> event records.

    .venv/bin/python fuzz/fuzz_pipeline.py -max_total_time=600 scratch/fuzz/corpus fuzz/seeds
or `make fuzz` (fuzz/run.py). What is run and checked: fuzz/target.py. A crash is any
exception other than the reader's InputError, a broken invariant (fuzz/invariants.py), or
an input running past -timeout. Replay a saved input: fuzz_pipeline.py FILE.
"""
from __future__ import annotations

import os
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

with atheris.instrument_imports(include=["hadath"]):
    import target  # noqa: E402
    # The pipeline imports its components (kb, attribution, events ...) when it is built:
    # build it here, so that they are instrumented too. The knowledge base loads once.
    target.warm_up()


def main() -> None:
    atheris.Setup(sys.argv, target.run_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
