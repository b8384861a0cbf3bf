#!/usr/bin/env python3
"""Benchmarks `replay-tui compare` on two 1,000,000-event traces.

Generates (once) the benchmark trace with scripts/make-big-trace.py, a byte-for-byte copy
of it (identical runs) and three copies that differ in one event in the middle: one whose
payload amount and balance differ (a changed event, then a state divergence), one whose
balance alone differs (a state divergence), and the first again with every event's `t`
moved by 1 ms (a second recording of the same run: no event is the same bytes), and one
where every third event's payload differs (333,334 changed events: the anchored alignment). Builds the release binary, then alternates, for
each round: `info` of both files (reading both), and `compare` of each pair; then opens
the split view (`replay-tui A B`) in a 120x40 tmux pane and times its first screen and the
comparison's answer on screen. Prints the median wall time, the peak RSS (from wait4) and
RSS against the two files together.

Usage: python3 scripts/bench-compare.py [--events N] [--rounds R] [--dir DIR]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def measure(argv, expect):
    """Runs argv; returns (seconds, peak RSS in bytes, stdout); the exit status must be `expect`."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != expect:
        sys.exit(f"{' '.join(argv)} exited {code}, not {expect}: {output[:300]!r}")
    return elapsed, usage.ru_maxrss * 1024, output


def tmux(*arguments):
    return subprocess.run(["tmux", *arguments], check=True, capture_output=True, text=True).stdout


def measure_split(binary, a, b):
    """Opens `replay-tui A B` in tmux; returns (seconds to the first screen, seconds to the
    comparison on screen, peak RSS in bytes)."""
    session = f"replay-bench-compare-{os.getpid()}"
    start = time.perf_counter()
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", binary, a, b)
    try:
        first = None
        deadline = start + 60
        while time.perf_counter() < deadline:
            screen = tmux("capture-pane", "-p", "-t", session)
            if first is None and " A  " in screen and " B  " in screen:
                first = time.perf_counter() - start
            if "divergence" in screen.split("\n")[0] or "the same run" in screen:
                done = time.perf_counter() - start
                break
            time.sleep(0.005)
        else:
            sys.exit(f"the split view never showed the comparison:\n{screen}")
        pid = tmux("list-panes", "-t", session, "-F", "#{pane_pid}").strip()
        with open(f"/proc/{pid}/status") as status:
            peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM"))
        tmux("send-keys", "-t", session, "q")
        return first, done, peak
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def edited_copy(source, target, index, change_payload, shift_times=False):
    """Copies the trace, changing event `index` (a deposit or withdraw line): its balance,
    and with `change_payload` its amount too; with `shift_times`, every event's `t` is one
    more (a second recording: no event is the same bytes)."""
    marker = f'{{"seq":{index},'.encode()
    with open(source, "rb") as inp, open(target, "wb") as out:
        for line in inp:
            if shift_times and line.startswith(b'{"seq":'):
                head, rest = line.split(b',"t":', 1)
                number, tail = rest.split(b",", 1)
                line = head + b',"t":' + str(int(number) + 1).encode() + b"," + tail
            if line.startswith(marker):
                head, value = line.rsplit(b'"value":', 1)
                number = value.split(b"}", 1)[0]
                line = head + b'"value":' + str(int(number) + 1000).encode() + value[len(number):]
                if change_payload:
                    line = line.replace(b'"amount":', b'"amount":1', 1)
            out.write(line)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", default="/tmp/replay-bench")
    options = parser.parse_args()
    os.makedirs(options.dir, exist_ok=True)
    a = os.path.join(options.dir, f"trace-{options.events}.json")
    if not os.path.exists(a):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts/make-big-trace.py"), a,
                        "--events", str(options.events)], check=True)
    middle = options.events // 2 + 1  # odd: a deposit with a patch
    same = os.path.join(options.dir, f"compare-same-{options.events}.json")
    changed = os.path.join(options.dir, f"compare-changed-{options.events}.json")
    state = os.path.join(options.dir, f"compare-state-{options.events}.json")
    if not os.path.exists(same):
        shutil.copyfile(a, same)
    if not os.path.exists(changed):
        edited_copy(a, changed, middle, change_payload=True)
    if not os.path.exists(state):
        edited_copy(a, state, middle, change_payload=False)
    scattered = os.path.join(options.dir, f"compare-scattered-{options.events}.json")
    if not os.path.exists(scattered):
        with open(a, "rb") as inp, open(scattered, "wb") as out:
            for line in inp:
                if line.startswith(b'{"seq":') and int(line[7:line.index(b",")]) % 3 == 0:
                    line = line.replace(b'"amount":', b'"amount":9', 1)
                out.write(line)
    retimed = os.path.join(options.dir, f"compare-retimed-{options.events}.json")
    if not os.path.exists(retimed):
        edited_copy(a, retimed, middle, change_payload=True, shift_times=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "replay-tui", "--package-path", ROOT],
                   check=True, stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build/release/replay-tui")
    size = os.path.getsize(a) * 2

    cases = [
        ("info A; info B (reading both)", None, 0),
        ("compare A B, identical files", same, 0),
        ("compare A B, one event changed (payload and balance)", changed, 1),
        ("compare A B, one balance changed (state only)", state, 1),
        ("compare A B, one event changed, every t different", retimed, 1),
        ("compare A B, every third payload changed (very different runs)", scattered, 1),
    ]
    rows = {name: ([], []) for name, _, _ in cases}
    for _ in range(options.rounds):
        for name, other, expect in cases:
            if other is None:
                first = measure([binary, "info", a], 0)
                second = measure([binary, "info", same], 0)
                seconds, rss = first[0] + second[0], max(first[1], second[1])
            else:
                seconds, rss, output = measure([binary, "compare", a, other], expect)
                if other != scattered:
                    assert (f"#{middle} ".encode() in output) == (expect == 1), output
            rows[name][0].append(seconds)
            rows[name][1].append(rss)
        first, done, peak = measure_split(binary, a, changed)
        rows.setdefault("replay-tui A B (one event changed): first screen", ([], []))
        rows.setdefault("replay-tui A B (one event changed): comparison on screen", ([], []))
        rows["replay-tui A B (one event changed): first screen"][0].append(first)
        rows["replay-tui A B (one event changed): first screen"][1].append(peak)
        rows["replay-tui A B (one event changed): comparison on screen"][0].append(done)
        rows["replay-tui A B (one event changed): comparison on screen"][1].append(peak)
    print(f"two files of {size / 2 / 1e6:.1f} MB each ({options.events} events), median of {options.rounds}:")
    print("| command | median | peak RSS | RSS / both files |")
    print("| --- | --- | --- | --- |")
    for name, (times, rss) in rows.items():
        peak = max(rss)
        print(f"| {name} | {statistics.median(times):.3f} s | {peak / 1e6:.1f} MB | {peak / size:.2f} |")
    for name, other, expect in cases[2:5]:
        print(name + ": " + measure([binary, "compare", a, other], expect)[2].decode().strip())


if __name__ == "__main__":
    main()
