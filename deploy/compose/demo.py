"""Loads parkctl's demo into the suite `./dev compose up` started, at its published ports:
python deploy/compose/demo.py --url dashboard=http://127.0.0.1:8100 --url ... (PARK_KEYS_DIR in
the environment names the deployment's department keys, as run.sh issues them). The suite runs
on wall time (no zone clock), so the demo loads once, without the later part that `parkctl up`
shows."""

from __future__ import annotations

import argparse

from parkctl.demo import load_demo
from rich.console import Console


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", action="append", default=[], help="NAME=URL of a service")
    urls = dict(option.split("=", 1) for option in parser.parse_args().url)
    load_demo(Console(), urls=urls)


if __name__ == "__main__":
    main()
