#!/usr/bin/env python3
"""Benchmarks replay-tui on a large trace against orjson and jq, measured in the same run.

Generates (once) a 1,000,000-event native trace and its NDJSON twin with
scripts/make-big-trace.py, builds the release binaries, then alternates, for each round:
  replay-tui info --json      vs  orjson.loads of the same bytes (and jq, with --jq)
  replay-tui state --at 999990
  replay-tui TRACE in tmux (120x40): time to the first full screen, then scrubbing with
  End, Home and go-to-event across the trace, and the process's peak resident memory
and runs replay-bench for seeks and steps back, and `replay-bench ui` for the debugger's
own work (first screen, idle checkpoint filling, scrubbing, playback at 64x to the crash).
Prints medians, p99 where it applies, peak resident memory (from wait4's rusage or the
process's VmHWM), ratios against orjson, and indexing throughput.

Usage: python3 scripts/bench.py [--events N] [--rounds R] [--dir DIR] [--jq]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ensure_tools(with_jq):
    try:
        import orjson  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "orjson"], check=True)
    if with_jq and shutil.which("jq") is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "jq"], check=True)
    if shutil.which("tmux") is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "tmux"], check=True)


def tmux(*arguments):
    return subprocess.run(["tmux", *arguments], check=True, capture_output=True, text=True).stdout


def wait_for_screen(session, text, timeout=30):
    """Polls the pane until it shows text; returns the screen."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.005)
    sys.exit(f"the debugger never showed {text!r}:\n{screen}")


def measure_ui(binary, trace, events, seed):
    """Opens the debugger in tmux as a person would; returns (seconds to the first full
    screen, peak RSS in bytes after scrubbing the whole trace)."""
    session = f"replay-bench-{os.getpid()}"
    start = time.perf_counter()
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", binary, trace)
    try:
        wait_for_screen(session, f"start of {events}")
        opened = time.perf_counter() - start
        pid = tmux("list-panes", "-t", session, "-F", "#{pane_pid}").strip()
        tmux("send-keys", "-t", session, "End")
        wait_for_screen(session, f"#{events - 1} of {events}")
        tmux("send-keys", "-t", session, "Home")
        wait_for_screen(session, f"start of {events}")
        random = __import__("random").Random(seed)
        for _ in range(20):
            target = random.randrange(events)
            tmux("send-keys", "-t", session, ":", str(target), "Enter")
            wait_for_screen(session, f"#{target} of {events}")
        with open(f"/proc/{pid}/status") as status:
            peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM"))
        tmux("send-keys", "-t", session, "q")
        return opened, peak
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def measure(argv, stdin=None):
    """Runs argv; returns (seconds, peak RSS in bytes, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=stdin)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(argv)} failed with status {status}")
    return elapsed, usage.ru_maxrss * 1024, output


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", default="/tmp/replay-bench")
    parser.add_argument("--jq", action="store_true", help="also time jq (slow on large files)")
    options = parser.parse_args()
    ensure_tools(options.jq)
    os.makedirs(options.dir, exist_ok=True)
    trace = os.path.join(options.dir, f"trace-{options.events}.json")
    twin = os.path.join(options.dir, f"trace-{options.events}.ndjson")
    for path, extra in [(trace, []), (twin, ["--ndjson"])]:
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts/make-big-trace.py"), path,
                            "--events", str(options.events)] + extra, check=True)
    subprocess.run(["swift", "build", "-c", "release", "--package-path", ROOT], check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build/release/replay-tui")
    bench = os.path.join(ROOT, ".build/release/replay-bench")
    orjson_parse = [sys.executable, "-c", "import orjson,sys; orjson.loads(open(sys.argv[1],'rb').read())"]
    size = os.path.getsize(trace)

    rows = {}

    def record(name, seconds, rss):
        rows.setdefault(name, {"times": [], "rss": []})
        rows[name]["times"].append(seconds)
        rows[name]["rss"].append(rss)

    at = str(options.events - 10)
    for _ in range(options.rounds):
        for path, label in [(trace, "json"), (twin, "ndjson")]:
            seconds, rss, output = measure([binary, "info", path, "--json"])
            assert f'"events": {options.events},'.encode() in output, output[:200]
            record(f"replay-tui info --json ({label})", seconds, rss)
        seconds, rss, _ = measure(orjson_parse + [trace])
        record("orjson.loads (json)", seconds, rss)
        if options.jq:
            seconds, rss, _ = measure(["jq", ".events | length", trace])
            record("jq '.events|length' (json)", seconds, rss)
        seconds, rss, _ = measure([binary, "state", trace, "--at", at, "--path", "/stats", "--compact"])
        record(f"replay-tui state --at {at} (json)", seconds, rss)
        seconds, rss, _ = measure([binary, "state", twin, "--at", at, "--path", "/stats", "--compact"])
        record(f"replay-tui state --at {at} (ndjson)", seconds, rss)
        seconds, rss = measure_ui(binary, trace, options.events, seed=len(rows))
        record("replay-tui UI: first screen, scrub (json)", seconds, rss)

    orjson_median = statistics.median(rows["orjson.loads (json)"]["times"])
    print(f"trace: {trace}, {options.events} events, {size / 1e6:.1f} MB; {options.rounds} rounds, alternated")
    print(f"{'command':44} {'median':>9} {'min':>9} {'peak RSS':>10} {'RSS/file':>9} {'vs orjson':>10}")
    for name, row in rows.items():
        median = statistics.median(row["times"])
        rss = max(row["rss"])
        print(f"{name:44} {median:8.3f}s {min(row['times']):8.3f}s {rss / 1e6:8.1f}MB {rss / size:9.2f} {median / orjson_median:9.3f}x")
    info = statistics.median(rows["replay-tui info --json (json)"]["times"])
    print(f"indexing throughput (info, whole process): {size / info / 1e9:.2f} GB/s")
    print()
    subprocess.run([bench, trace, "256", "2048"], check=True)
    print()
    subprocess.run([bench, "ui", trace], check=True)


if __name__ == "__main__":
    main()
