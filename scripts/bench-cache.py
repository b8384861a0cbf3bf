#!/usr/bin/env python3
"""Times the persistent index (docs/performance.md, "Persistent index") on a large native
trace: `grep -c` over the same file as the reference, `info` and `state --at end` with an
empty cache (indexing and saving), with the index cached, and with --no-cache, and the
debugger's first full screen in tmux (a private socket, `tmux -L bench-cache`) cold and
cached. The cache lives in a temporary XDG_CACHE_HOME, never the user's.

Usage: python3 scripts/bench-cache.py TRACE [--binary .build/release/replay-tui] [--rounds 3]
Make TRACE with scripts/make-big-trace.py (e.g. --events 5000000, outside the repository)
and build with `swift build -c release` first.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time


def timed(command, env):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def first_screen(binary, trace, env, expect, hold=lambda: None):
    """Seconds from starting the debugger in tmux to a screen holding `expect`; `hold` runs
    before it is quit (the cold open keeps running until its index is saved)."""
    name = "bench"
    tmux = ["tmux", "-L", "bench-cache"]
    command = f"XDG_CACHE_HOME='{env['XDG_CACHE_HOME']}' '{binary}' '{trace}'"
    start = time.perf_counter()
    subprocess.run(tmux + ["new-session", "-d", "-s", name, "-x", "120", "-y", "40", command], check=True)
    try:
        while time.perf_counter() - start < 60:
            screen = subprocess.run(tmux + ["capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
            if "start of " in screen and expect in screen:
                return time.perf_counter() - start
            time.sleep(0.005)
        return float("nan")
    finally:
        hold()
        subprocess.run(tmux + ["send-keys", "-t", name, "q"], check=False)
        time.sleep(0.5)
        subprocess.run(tmux + ["kill-session", "-t", name], stderr=subprocess.DEVNULL, check=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("trace")
    parser.add_argument("--binary", default=".build/release/replay-tui")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    trace = os.path.abspath(options.trace)
    os.utime(trace, (time.time() - 60, time.time() - 60))  # settled: worth caching
    size = os.path.getsize(trace)
    home = tempfile.mkdtemp(prefix="bench-cache-")
    env = dict(os.environ, XDG_CACHE_HOME=home)
    cache = os.path.join(home, "replay-tui")
    results = {}

    def add(label, seconds):
        results.setdefault(label, []).append(seconds)

    try:
        for _ in range(options.rounds):
            add("grep -c withdraw (reference)", timed(["grep", "-c", "withdraw", trace], env))
            shutil.rmtree(cache, ignore_errors=True)
            add("info, empty cache (index and save)", timed([binary, "info", trace], env))
            add("info, cached", timed([binary, "info", trace], env))
            add("info --no-cache", timed([binary, "info", trace, "--no-cache"], env))
        add("state --at end --no-cache", timed([binary, "state", trace, "--at", "end", "--no-cache"], env))
        add("state --at end, cached index", timed([binary, "state", trace, "--at", "end"], env))
        shutil.rmtree(cache, ignore_errors=True)

        def saved():
            deadline = time.time() + 120
            while not (os.path.isdir(cache) and any(n.endswith(".index") for n in os.listdir(cache))) and time.time() < deadline:
                time.sleep(0.2)

        add("debugger first full screen, empty cache", first_screen(binary, trace, env, "", hold=saved))
        for _ in range(options.rounds):
            add("debugger first full screen, cached (whole trace)", first_screen(binary, trace, env, " of "))
        index = [os.path.getsize(os.path.join(cache, n)) for n in os.listdir(cache) if n.endswith(".index")]
    finally:
        subprocess.run(["tmux", "-L", "bench-cache", "kill-server"], stderr=subprocess.DEVNULL, check=False)
        shutil.rmtree(home, ignore_errors=True)

    grep = statistics.median(results["grep -c withdraw (reference)"])
    print(f"trace: {trace}, {size / 1e9:.3f} GB; cache file {index[0] / 1e6:.1f} MB" if index else f"trace: {trace}")
    print("| what | median (s) | runs | vs grep |")
    print("| --- | --- | --- | --- |")
    for label, times in results.items():
        median = statistics.median(times)
        print(f"| {label} | {median:.3f} | {len(times)} | {median / grep:.2f}x |")


if __name__ == "__main__":
    main()
