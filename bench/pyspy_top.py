#!/usr/bin/env python3
"""bench/pyspy_top.py — the top of a py-spy profile, by the project's own code: each sample of
a `py-spy record -f raw` file is attributed to the deepest frame of a `park_*` module (and its
caller); samples in the event loop's selector count as idle. For docs/performance.md.

  .venv/bin/pip install py-spy
  .venv/bin/py-spy record -p PID -d 40 -r 50 -f raw -o service.txt    # during bench/suite.py --real
  python bench/pyspy_top.py service.txt [more.txt ...]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path


def top(path: Path, rows: int = 12) -> list[str]:
    counts: Counter[str] = Counter()
    total = idle = 0
    for line in path.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        samples = int(n)
        total += samples
        frames = stack.split(";")
        if frames[-1].startswith("EpollSelector.select"):
            idle += samples
            continue
        ours = [f.split(" (")[0] for f in frames if "(park_" in f and "__main__" not in f]
        leaf = frames[-1].split(" (")[0]
        counts[" <- ".join(reversed(ours[-2:])) if ours else f"(libraries only: {leaf})"] += samples
    out = [f"== {path}: {total} samples, {100 * idle / max(total, 1):.0f}% idle in the event loop"]
    out += [f"  {100 * n / total:5.1f}%  {key}" for key, n in counts.most_common(rows)]
    return out


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print("\n".join(top(Path(name))))
