#!/usr/bin/env python3
"""Cross-checks `replay-tui compare` against an independent comparison written here.

Generates random pairs of bank runs: B is A with a few edits far apart (an event inserted,
one dropped, a payload changed, a state value changed without changing the event), every
event recorded with its own `t`. This script replays both runs with its own patch code,
aligns them with Python's difflib (every event is unique, so the longest common subsequence
is too, and difflib finds it), and computes the divergent regions by the rules of
docs/compare.md; `replay-tui compare A B --json` must print exactly those, and exit 1 (or 0
when B is A), and `replay-tui compare A B` the first one's line, values and all.

Usage: python3 scripts/crosscheck-compare.py BINARY [--pairs N] [--seed S]
Prints one line per failure, how many regions of each kind were checked, and 'N passed,
M failed'; exits 1 on any failure.
"""
import argparse
import copy
import difflib
import json
import os
import random
import subprocess
import sys
import tempfile

NAMES = ["deposit", "withdraw", "audit", "tick"]


def operation(rng, serial):
    return {"kind": rng.choice(["call", "cast"]), "name": rng.choice(NAMES), "account": rng.randrange(3),
            "amount": rng.randrange(1, 4), "n": serial, "bug": 0}


def record(operations, rng):
    """The trace document the operations record, and the state after each event."""
    state = {"accounts": [{"balance": 0} for _ in range(3)], "log": [], "ticks": 0}
    initial = copy.deepcopy(state)
    events, states = [], []
    for index, op in enumerate(operations):
        event = {"seq": index, "t": index * 10 + rng.randrange(10), "kind": op["kind"], "name": op["name"],
                 "payload": {"account": op["account"], "amount": op["amount"], "n": op["n"]}}
        if op["name"] in ("deposit", "withdraw"):
            sign = 1 if op["name"] == "deposit" else -1
            value = state["accounts"][op["account"]]["balance"] + sign * op["amount"] + op["bug"]
            event["patch"] = [{"op": "replace", "path": f"/accounts/{op['account']}/balance", "value": value}]
            state["accounts"][op["account"]]["balance"] = value
        elif op["name"] == "audit":
            event["patch"] = [{"op": "add", "path": "/log/-", "value": op["account"] + op["bug"]}]
            state["log"].append(op["account"] + op["bug"])
        else:
            state["ticks"] = state["ticks"] + 1 + op["bug"]
            event["merge"] = {"ticks": state["ticks"]}
        events.append(event)
        states.append(copy.deepcopy(state))
    return {"format": "replay-trace", "version": 1, "initial_state": initial, "events": events}, states


def differences(a, b, path=""):
    """Where two values differ, as docs/compare.md says: deepest places, A's keys first."""
    if isinstance(a, dict) and isinstance(b, dict):
        found = []
        for key in a:
            found += differences(a[key], b.get(key, MISSING), path + "/" + key.replace("~", "~0").replace("/", "~1"))
        for key in b:
            if key not in a:
                found += differences(MISSING, b[key], path + "/" + key.replace("~", "~0").replace("/", "~1"))
        return found
    if isinstance(a, list) and isinstance(b, list):
        found = []
        for index in range(max(len(a), len(b))):
            found += differences(a[index] if index < len(a) else MISSING, b[index] if index < len(b) else MISSING, f"{path}/{index}")
        return found
    same = a is MISSING and b is MISSING or (a is not MISSING and b is not MISSING and type(a) == type(b) and a == b)
    return [] if same else [path]


MISSING = object()


def resolve(value, path):
    """The value at a JSON Pointer, or MISSING."""
    for token in path.split("/")[1:] if path else []:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return MISSING
    return value


def first_line(region, doc_a, states_a, doc_b, states_b):
    """The line `compare` prints for the first divergence."""
    sides = []
    if region["a"] is not None:
        sides.append(f"A #{region['a']} {doc_a['events'][region['a']]['name']}")
    if region["b"] is not None:
        sides.append(f"B #{region['b']} {doc_b['events'][region['b']]['name']}")
    text = "first divergence: " + " / ".join(sides) + ": "
    if region["what"] in ("only-in-a", "only-in-b"):
        return text + "only in " + region["what"][-1].upper()
    if region["what"] == "event":
        path = region["paths"][0]
        left = resolve(doc_a["events"][region["a"]]["payload"], path[len("@payload"):])
        right = resolve(doc_b["events"][region["b"]]["payload"], path[len("@payload"):])
        text += "event differs at " + path
    else:
        path = region["paths"][0]
        left, right = resolve(states_a[region["a"]], path), resolve(states_b[region["b"]], path)
        text += "state differs at " + (path or "(root)")
    shown = ["absent" if v is MISSING else json.dumps(v, separators=(",", ":")) for v in (left, right)]
    text += f": {shown[0]} -> {shown[1]}"
    if len(region["paths"]) > 1:
        text += f" (and {len(region['paths']) - 1} more)"
    return text


def expected(doc_a, states_a, doc_b, states_b):
    """The regions `compare --json` must print."""
    ids_a = [json.dumps([e["kind"], e["name"], e["payload"]], sort_keys=True) for e in doc_a["events"]]
    ids_b = [json.dumps([e["kind"], e["name"], e["payload"]], sort_keys=True) for e in doc_b["events"]]
    rows = []  # (what or None, a, b, paths)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ids_a, ids_b, autojunk=False).get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                i, j = i1 + offset, j1 + offset
                paths = differences(states_a[i], states_b[j])
                rows.append(("state" if paths else None, i, j, paths))
            continue
        # Edits are far apart: a stretch holds at most one event a side.
        a_side, b_side = list(range(i1, i2)), list(range(j1, j2))
        if len(a_side) == 1 and len(b_side) == 1 and \
                [doc_a["events"][i1][k] for k in ("kind", "name")] == [doc_b["events"][j1][k] for k in ("kind", "name")]:
            paths = ["@payload" + p for p in differences(doc_a["events"][i1]["payload"], doc_b["events"][j1]["payload"])]
            rows.append(("event", i1, j1, paths))
            continue
        rows += [("only-in-a", i, None, []) for i in a_side] + [("only-in-b", None, j, []) for j in b_side]
    regions = []
    previous = None
    for row in rows:
        if row[0] is not None and previous is not None and previous[0] == row[0] and previous[3] == row[3]:
            previous = row
            continue
        previous = row if row[0] is not None else None
        if row[0] is not None:
            regions.append({"a": row[1], "b": row[2], "what": row[0], "paths": row[3]})
    return regions


def edited(operations, rng, serial):
    """A copy with one to three edits, each in its own third of the run."""
    result = copy.deepcopy(operations)
    thirds = sorted(rng.sample(range(3), rng.randrange(1, 4)), reverse=True)
    for third in thirds:
        place = third * len(result) // 3 + rng.randrange(max(len(result) // 3 - 2, 1)) + 1
        kind = rng.choice(["insert", "delete", "payload", "state"])
        if kind == "insert":
            serial += 1
            result.insert(place, operation(rng, serial))
        elif place < len(result) and kind == "delete":
            del result[place]
        elif place < len(result) and kind == "payload":
            result[place]["amount"] += 10
        elif place < len(result):
            result[place]["bug"] += 100
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    passed = failed = 0
    kinds = {}
    with tempfile.TemporaryDirectory() as directory:
        for pair in range(options.pairs):
            rng = random.Random(options.seed * 100_003 + pair)
            count = rng.randrange(12, 60)
            operations = [operation(rng, n) for n in range(count)]
            other = edited(operations, rng, count) if pair % 10 else copy.deepcopy(operations)
            doc_a, states_a = record(operations, rng)
            doc_b, states_b = record(other, rng)
            paths = []
            for name, doc in (("a.json", doc_a), ("b.ndjson" if pair % 2 else "b.json", doc_b)):
                path = os.path.join(directory, name)
                with open(path, "w") as out:
                    if name.endswith(".ndjson"):
                        out.write(json.dumps({k: v for k, v in doc.items() if k != "events"}) + "\n")
                        out.writelines(json.dumps(e) + "\n" for e in doc["events"])
                    else:
                        json.dump(doc, out)
                paths.append(path)
            want = expected(doc_a, states_a, doc_b, states_b)
            for region in want:
                kinds[region["what"]] = kinds.get(region["what"], 0) + 1
            result = subprocess.run([options.binary, "compare", *paths, "--json"], capture_output=True, text=True)
            got = json.loads(result.stdout) if result.stdout else None
            want_code = 1 if want else 0
            line = subprocess.run([options.binary, "compare", *paths], capture_output=True, text=True).stdout.strip()
            want_line = first_line(want[0], doc_a, states_a, doc_b, states_b) if want else None
            if result.returncode != want_code or got != {"same": not want, "divergences": want}:
                failed += 1
                print(f"pair {pair} (seed {options.seed}): exit {result.returncode}, want {want_code}\n  got  {got}\n  want {want}")
            elif want_line is not None and line != want_line:
                failed += 1
                print(f"pair {pair} (seed {options.seed}):\n  got  {line}\n  want {want_line}")
            else:
                passed += 1
    print("regions checked: " + ", ".join(f"{count} {what}" for what, count in sorted(kinds.items())))
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
