"""One command for the fuzz run: `make fuzz` or `.venv/bin/python fuzz/run.py [--seconds N]`.

Runs the atheris target fuzz/fuzz_pipeline.py for N seconds (default 600) on one core,
with the seeds of fuzz/seeds/ and a growing corpus in scratch/fuzz/corpus/ (git-ignored),
writes the full libFuzzer log to scratch/fuzz/ and prints one summary line:
date, seconds, executions, crashes (crash, timeout and out-of-memory inputs are kept in
scratch/fuzz/artifacts/; replay one with `.venv/bin/python fuzz/fuzz_pipeline.py FILE`).

Without atheris (`pip install -e '.[fuzz]'`; it needs a wheel for this platform) it runs
the same target as a hypothesis loop for the same time instead, and says so.
Exit status: 0 when nothing was found, 1 otherwise.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = ROOT / "scratch" / "fuzz"


def run_atheris(seconds: int, max_len: int, timeout: int) -> tuple[int, int, str]:
    corpus, artifacts = WORK / "corpus", WORK / "artifacts"
    corpus.mkdir(parents=True, exist_ok=True)
    artifacts.mkdir(parents=True, exist_ok=True)
    log = WORK / f"atheris-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%SZ}.log"
    cmd = [sys.executable, str(HERE / "fuzz_pipeline.py"), f"-max_total_time={seconds}", f"-max_len={max_len}",
           f"-timeout={timeout}", "-rss_limit_mb=3072", "-print_final_stats=1",
           f"-artifact_prefix={artifacts}/", str(corpus), str(HERE / "seeds")]
    with open(log, "w") as out:
        rc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT).returncode
    text = log.read_text(errors="replace")
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text) or re.findall(r"Done (\d+) runs", text)
    found = re.findall(r"Test unit written to (\S+)", text)
    return int(runs[-1]) if runs else 0, len(found) + (1 if rc and not found else 0), str(log)


def run_hypothesis(seconds: int) -> tuple[int, int, str]:
    """The same target, inputs drawn by hypothesis (fresh random batches) until the time is up."""
    from hypothesis import HealthCheck, given, settings, strategies as st

    sys.path.insert(0, str(HERE))
    import target   # the same target, without atheris

    target.warm_up()
    count = [0]

    @settings(max_examples=2000, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=2048))
    def batch(data):
        count[0] += 1
        target.run_one(data)

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            batch()
        except Exception as e:   # hypothesis re-raises the shrunk failing input
            print(f"fuzz: failure: {type(e).__name__}: {e}", file=sys.stderr)
            return count[0], 1, "hypothesis"
    return count[0], 0, "hypothesis"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", 600)))
    ap.add_argument("--max-len", type=int, default=2048, help="Largest input, in bytes.")
    ap.add_argument("--timeout", type=int, default=20, help="Seconds one input may take before it counts as a hang.")
    ap.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto")
    a = ap.parse_args(argv)
    engine = a.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            print("fuzz: atheris is not installed (pip install -e '.[fuzz]'); running the hypothesis loop",
                  file=sys.stderr)
            engine = "hypothesis"
    started = dt.datetime.now(dt.timezone.utc)
    t0 = time.monotonic()
    if engine == "atheris":
        runs, crashes, where = run_atheris(a.seconds, a.max_len, a.timeout)
    else:
        runs, crashes, where = run_hypothesis(a.seconds)
    took = time.monotonic() - t0
    print(f"fuzz: {started:%Y-%m-%d %H:%M} UTC, {engine}, {took:.0f} s, {runs:,} executions "
          f"({runs / max(took, 1):.0f}/s), {crashes} crashes; log: {where}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
