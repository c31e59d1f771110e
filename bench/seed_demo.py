"""Benchmark: how fast `seed_demo` fills a fresh database (the data later benchmarks use).

    .venv/bin/python bench/seed_demo.py [N]          # SQLite in a temporary directory
    DATABASE_URL=postgres://... .venv/bin/python bench/seed_demo.py [N]   # an EMPTY database

Prints cases per second, rows written and peak memory. N defaults to 20 000.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as var_dir:
        env = {**os.environ, "ADUAN_VAR_DIR": var_dir, "ADUAN_DEMO_PASSWORD": "bench-only"}
        manage = [sys.executable, str(ROOT / "manage.py")]
        for step in (["migrate", "-v0"], ["seed_reference"]):
            subprocess.run([*manage, *step], env=env, check=True, capture_output=True)  # noqa: S603
        started = time.perf_counter()
        subprocess.run(  # noqa: S603
            [*manage, "seed_demo", "--cases", str(count), "--seed", "1"],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    backend = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    print(f"seed_demo on {backend}: {count} cases in {seconds:.1f} s")
    print(f"  {count / seconds:,.0f} cases/s; 100 000 cases ≈ {100_000 / count * seconds:.0f} s")
    print(f"  peak memory of a child process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
