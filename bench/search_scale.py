"""Search and the duplicate lookups at each size, on SQLite and on PostgreSQL when it
answers (DATABASE_URL's server, else 127.0.0.1:5432): one `bench.search` run per database
and size, each on its own database seeded once and reused (bench/search_data.py).

    .venv/bin/python -m bench.search_scale [--images 10000,1000000] [--runs 30]

`make bench` runs it last, with its --search-sizes.
"""

import argparse
import os
import subprocess
import sys

from bench.in_process import ROOT


def run(sizes, runs, environment=None):
    from bench.search_data import postgres_server

    environment = dict(os.environ if environment is None else environment)
    databases = [[]]
    if postgres_server() is None:
        print("search on PostgreSQL skipped: no server answers at DATABASE_URL or 127.0.0.1:5432")
    else:
        databases.append(["--postgres"])
    for size in sizes:
        for database in databases:
            command = [sys.executable, "-m", "bench.search", "--images", str(size)]
            command += ["--runs", str(runs), *database]
            subprocess.run(command, cwd=ROOT, env=environment, check=False)


def sizes_of(text):
    return [int(size) for size in text.split(",") if size.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", default="10000,1000000", help="comma-separated sizes")
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each query")
    options = parser.parse_args()
    run(sizes_of(options.images), options.runs)


if __name__ == "__main__":
    main()
