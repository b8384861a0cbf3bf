#!/usr/bin/env python3
"""Writes a large native trace for benchmarks: 200 accounts in the initial state, each event
a call with a small payload and a one-op patch, every fifth event a merge, a crash near the
end. About 200 bytes an event: 1,000,000 events make about 200 MB.

Usage: python3 scripts/make-big-trace.py OUT [--events N] [--ndjson]
"""
import argparse
import json
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--ndjson", action="store_true")
    options = parser.parse_args()
    rng = random.Random(7)
    count = options.events
    accounts = [{"id": f"acc-{i:04d}", "owner": f"owner {i}", "balance": 100000 + i, "tx": 0,
                 "flags": {"frozen": False, "vip": i % 17 == 0}} for i in range(200)]
    balances = [a["balance"] for a in accounts]
    header = {"format": "replay-trace", "version": 1,
              "meta": {"title": f"benchmark trace, {count} events", "source": "scripts/make-big-trace.py"},
              "initial_state": {"accounts": accounts, "stats": {"calls": 0}}}
    crash_at = count - 10
    with open(options.out, "w") as out:
        if options.ndjson:
            out.write(json.dumps(header, separators=(",", ":")) + "\n")
        else:
            text = json.dumps(header, separators=(",", ":"))
            out.write(text[:-1] + ',"events":[\n')
        separator = "\n" if options.ndjson else ",\n"
        batch = []
        for i in range(count):
            a = rng.randrange(200)
            amount = rng.randrange(1, 5000)
            t = i * 3 + rng.randrange(3)
            if i == crash_at:
                line = (f'{{"seq":{i},"t":{t},"kind":"crash","name":"badarith","payload":{{"account":{a}}},'
                        f'"error":"bad argument in arithmetic expression"}}')
            elif i % 5 == 4:
                line = (f'{{"seq":{i},"t":{t},"kind":"call","name":"stats","payload":{{"n":{i}}},'
                        f'"merge":{{"stats":{{"calls":{i},"last":"acc-{a:04d}"}}}}}}')
            else:
                balances[a] += amount if i % 2 else -amount
                line = (f'{{"seq":{i},"t":{t},"kind":"call","name":"{"deposit" if i % 2 else "withdraw"}",'
                        f'"payload":{{"account":"acc-{a:04d}","amount":{amount}}},'
                        f'"patch":[{{"op":"replace","path":"/accounts/{a}/balance","value":{balances[a]}}}]}}')
            batch.append(line)
            if len(batch) == 10000 or i == count - 1:
                out.write(("" if i < 10000 else separator) + separator.join(batch))
                batch = []
        out.write("\n" if options.ndjson else "\n]}\n")


if __name__ == "__main__":
    main()
