#!/usr/bin/env python3
"""Times the persistent index (docs/performance.md, "Persistent index") on a large native
trace: `grep -c` over the same file as the reference, `info` and `state --at end` with an
empty cache (indexing and saving), with the index cached, with the index and checkpoints
cached, and with --no-cache, and the debugger in tmux (a private socket, `tmux -L
bench-cache`): its first full screen cold and cached, and `End` after opening with an empty
cache (pressed as soon as the first screen shows, while the index is built), with the index
alone and with the checkpoints too. The cache lives in a temporary XDG_CACHE_HOME,
never the user's.

Usage: python3 scripts/bench-cache.py TRACE [--binary .build/release/replay-tui] [--rounds 3]
Make TRACE with scripts/make-big-trace.py (e.g. --events 5000000, outside the repository)
and build with `swift build -c release` first.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time


def timed(command, env):
    """Wall seconds of `command`, its output read through a pipe (GNU grep stops at the first
    match when its output is /dev/null)."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


TMUX = ["tmux", "-L", "bench-cache"]


def wait_for(name, found, start, limit=120):
    """Seconds from `start` until the screen satisfies `found`; nan past `limit`. Looks every
    5 ms for the first 0.3 s, then every 30 ms: each look starts a tmux client, and looking
    every 5 ms for seconds took half a core from the debugger being timed."""
    while time.perf_counter() - start < limit:
        screen = subprocess.run(TMUX + ["capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
        if found(screen):
            return time.perf_counter() - start
        time.sleep(0.005 if time.perf_counter() - start < 0.3 else 0.03)
    return float("nan")


def at_last_event(screen):
    match = re.search(r"#(\d+) of (\d+) ", screen)
    return match is not None and int(match.group(1)) == int(match.group(2)) - 1


def first_screen(binary, trace, env, expect, hold=lambda: None, end=False):
    """Seconds from starting the debugger in tmux to a screen holding `expect`, and with
    `end` the seconds from pressing End then to the last event's screen; `hold` runs before
    it is quit (the cold open keeps running until its index is saved)."""
    name = "bench"
    command = f"XDG_CACHE_HOME='{env['XDG_CACHE_HOME']}' '{binary}' '{trace}'"
    start = time.perf_counter()
    subprocess.run(TMUX + ["new-session", "-d", "-s", name, "-x", "120", "-y", "40", command], check=True)
    try:
        shown = wait_for(name, lambda screen: "start of " in screen and expect in screen, start)
        if not end:
            return shown
        pressed = time.perf_counter()
        subprocess.run(TMUX + ["send-keys", "-t", name, "End"], check=True)
        return shown, wait_for(name, at_last_event, pressed)
    finally:
        hold()
        subprocess.run(TMUX + ["send-keys", "-t", name, "q"], check=False)
        time.sleep(1.0)  # the checkpoints End filled are saved before the debugger exits
        subprocess.run(TMUX + ["kill-session", "-t", name], stderr=subprocess.DEVNULL, check=False)


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
        add("state --at end, cached index (replays, saves checkpoints)", timed([binary, "state", trace, "--at", "end"], env))
        for _ in range(options.rounds):
            add("state --at end, cached index and checkpoints", timed([binary, "state", trace, "--at", "end"], env))
        shutil.rmtree(cache, ignore_errors=True)

        def saved():
            deadline = time.time() + 120
            while not (os.path.isdir(cache) and any(n.endswith(".index") for n in os.listdir(cache))) and time.time() < deadline:
                time.sleep(0.2)

        for _ in range(options.rounds):
            shutil.rmtree(cache, ignore_errors=True)
            shown, end = first_screen(binary, trace, env, "", hold=saved, end=True)
            add("debugger End pressed at the first screen, empty cache (indexing, then replay)", end)
        shutil.rmtree(cache, ignore_errors=True)
        add("debugger first full screen, empty cache", first_screen(binary, trace, env, "", hold=saved))
        shown, end = first_screen(binary, trace, env, " of ", end=True)
        add("debugger first full screen, cached index (whole trace)", shown)
        add("debugger End after opening, cached index", end)
        for _ in range(options.rounds):
            shown, end = first_screen(binary, trace, env, " of ", end=True)
            add("debugger first full screen, cached index and checkpoints", shown)
            add("debugger End after opening, cached index and checkpoints", end)
        index = [os.path.getsize(os.path.join(cache, n)) for n in os.listdir(cache) if n.endswith(".index")]
        checkpoints = [os.path.getsize(os.path.join(cache, n)) for n in os.listdir(cache) if n.endswith(".checkpoints")]
    finally:
        subprocess.run(["tmux", "-L", "bench-cache", "kill-server"], stderr=subprocess.DEVNULL, check=False)
        shutil.rmtree(home, ignore_errors=True)

    grep = statistics.median(results["grep -c withdraw (reference)"])
    print(f"trace: {trace}, {size / 1e9:.3f} GB; index {index[0] / 1e6:.1f} MB" if index else f"trace: {trace}", end="")
    print(f", checkpoints {checkpoints[0] / 1e6:.1f} MB" if checkpoints else "")
    print("| what | median (s) | runs | vs grep |")
    print("| --- | --- | --- | --- |")
    for label, times in results.items():
        median = statistics.median(times)
        print(f"| {label} | {median:.3f} | {len(times)} | {median / grep:.2f}x |")


if __name__ == "__main__":
    main()
