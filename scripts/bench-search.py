#!/usr/bin/env python3
"""Times `replay-tui events TRACE --grep X` (output to /dev/null) against `grep -c X TRACE`
over the same file, alternated round by round, medians; then `replay-bench search`, the
same needles searched in one process after loading (events --grep without printing, and the
debugger's / search). Release binaries are built first. See docs/performance.md, "Search".

    python3 scripts/bench-search.py TRACE [--rounds 5] [NEEDLE ...]
"""
import argparse
import statistics
import subprocess
import time

DEFAULT_NEEDLES = ["badarith", "zebra", "acc-0042", "withdraw"]


def timed(argv, output):
    start = time.perf_counter()
    subprocess.run(argv, stdout=output, check=False)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("trace")
    parser.add_argument("needles", nargs="*", default=DEFAULT_NEEDLES)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "replay-tui"], check=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "replay-bench"], check=True)
    times = {}
    for _ in range(options.rounds):
        for needle in options.needles:
            # GNU grep stops at the first match when its output is /dev/null: it gets a pipe.
            for tool, argv, output in (("grep -c", ["grep", "-c", needle, options.trace], subprocess.PIPE),
                                       ("events --grep", [".build/release/replay-tui", "events", options.trace, "--grep", needle], subprocess.DEVNULL)):
                times.setdefault((needle, tool), []).append(timed(argv, output))
    print(f"{options.trace}, median of {options.rounds}")
    print("| needle | grep -c | events --grep | ratio |")
    print("| --- | --- | --- | --- |")
    for needle in options.needles:
        grep = statistics.median(times[(needle, "grep -c")])
        ours = statistics.median(times[(needle, "events --grep")])
        print(f"| `{needle}` | {grep:.3f} s | {ours:.3f} s | {ours / grep:.2f}x |")
    subprocess.run([".build/release/replay-bench", "search", options.trace] + options.needles, check=True)


if __name__ == "__main__":
    main()
