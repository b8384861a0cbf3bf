#!/usr/bin/env python3
"""Cross-checks the built replay-tui binary against an independent replay written here.

Generates random native traces (JSON, NDJSON, gzip) whose true state after every event is
computed by this script's own JSON Patch (RFC 6902) and merge patch (RFC 7386) code, then
compares, at random positions visited forwards and backwards:
  - `info --json`: event count, crash, errors;
  - `state --at I --compact`: the state, key order included, numbers exactly;
  - `diff --from A --to B --json`: applied to state A with this script's patch code, gives B.

Usage: python3 scripts/crosscheck.py BINARY [--traces N] [--seed S]
Prints one line per failure and ends with 'N passed, M failed'; exits 1 on any failure.
"""
import argparse
import copy
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
from decimal import Decimal

KEYS = ["a", "b", "id", "a/b", "m~n", "~1", "/", "", "é", "山田", "🎉", "x y", "0", "-"]
NUMBERS = ["0", "1", "-7", "42", "0.1", "2.5", "1E+400", "-1.5E-7", "9007199254740993",
           "123456789012345678901234567890", "0.30000000000000004"]
STRINGS = ["", "text", "Zoë Ångström", "山田太郎", "tab\there", "quote\"back\\slash", "🎉", "a/b~c"]


# --- values -------------------------------------------------------------------------

def number(literal):
    return int(literal) if literal.lstrip("-").isdigit() else Decimal(literal)


def dumps(value):
    """Compact JSON; Decimals print as their exact literal."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + dumps(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def loads(text):
    return json.loads(text, parse_float=Decimal)


def same(a, b):
    """Exact equality with object key order."""
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a.keys()) == list(b.keys()) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return type(a) is type(b) and a == b


def random_value(rng, depth=0):
    if depth < 3 and rng.random() < 0.45:
        if rng.random() < 0.5:
            return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
        return {rng.choice(KEYS): random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}
    kind = rng.randint(0, 4)
    if kind == 0:
        return None
    if kind == 1:
        return rng.random() < 0.5
    if kind == 4:
        return rng.choice(STRINGS)
    return number(rng.choice(NUMBERS))


# --- RFC 6901 / 6902 / 7386, written independently of the Swift code -----------------

def pointer_tokens(pointer):
    if pointer == "":
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def pointer_text(tokens):
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def resolve(doc, tokens):
    for t in tokens:
        if isinstance(doc, dict):
            doc = doc[t]
        elif isinstance(doc, list):
            if t == "-" or (len(t) > 1 and t[0] == "0") or not t.isdigit():
                raise KeyError(t)
            doc = doc[int(t)]
        else:
            raise KeyError(t)
    return doc


def patch_apply(doc, ops):
    doc = copy.deepcopy(doc)
    for op in ops:
        tokens = pointer_tokens(op["path"])
        if op["op"] == "test":
            if resolve(doc, tokens) != op["value"]:
                raise ValueError("test failed")
            continue
        if op["op"] in ("move", "copy"):
            value = copy.deepcopy(resolve(doc, pointer_tokens(op["from"])))
            if op["op"] == "move":
                doc = remove(doc, pointer_tokens(op["from"]))
            doc = add(doc, tokens, value)
        elif op["op"] == "add":
            doc = add(doc, tokens, copy.deepcopy(op["value"]))
        elif op["op"] == "remove":
            doc = remove(doc, tokens)
        elif op["op"] == "replace":
            resolve(doc, tokens)
            if not tokens:
                doc = copy.deepcopy(op["value"])
            else:
                parent = resolve(doc, tokens[:-1])
                parent[tokens[-1] if isinstance(parent, dict) else int(tokens[-1])] = copy.deepcopy(op["value"])
    return doc


def add(doc, tokens, value):
    if not tokens:
        return value
    parent = resolve(doc, tokens[:-1])
    last = tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        index = len(parent) if last == "-" else int(last)
        if index > len(parent) or (last != "-" and not last.isdigit()):
            raise IndexError(last)
        parent.insert(index, value)
    else:
        raise KeyError(last)
    return doc


def remove(doc, tokens):
    parent = resolve(doc, tokens[:-1])
    resolve(doc, tokens)
    if isinstance(parent, dict):
        del parent[tokens[-1]]
    else:
        del parent[int(tokens[-1])]
    return doc


def merge_apply(target, patch):
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_apply(result.get(key), value)
    return result


# --- random traces --------------------------------------------------------------------

def all_pointers(doc, base=()):
    found = [list(base)]
    if isinstance(doc, dict):
        for k, v in doc.items():
            found += all_pointers(v, base + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            found += all_pointers(v, base + (str(i),))
    return found


def random_patch(rng, state):
    ops = []
    for _ in range(rng.randint(1, 3)):
        pointers = all_pointers(state)
        containers = [p for p in pointers if isinstance(resolve(state, p), (dict, list))]
        target = rng.choice(pointers)
        choice = rng.randint(0, 5)
        if choice <= 1 and containers:
            parent = rng.choice(containers)
            holder = resolve(state, parent)
            slot = (rng.choice(["-", str(rng.randint(0, len(holder)))]) if isinstance(holder, list)
                    else rng.choice(KEYS))
            op = {"op": "add", "path": pointer_text(parent + [slot]), "value": random_value(rng)}
        elif choice == 2 and len(pointers) > 1:
            op = {"op": "remove", "path": pointer_text(rng.choice(pointers[1:]))}
        elif choice == 3:
            op = {"op": "replace", "path": pointer_text(target), "value": random_value(rng)}
        elif choice == 4 and len(pointers) > 1 and containers:
            parent = rng.choice(containers)
            holder = resolve(state, parent)
            slot = str(rng.randint(0, len(holder))) if isinstance(holder, list) else rng.choice(KEYS)
            op = {"op": rng.choice(["move", "copy"]), "from": pointer_text(rng.choice(pointers[1:])),
                  "path": pointer_text(parent + [slot])}
            if op["op"] == "move" and op["path"].startswith(op["from"] + "/"):
                continue
        else:
            op = {"op": "test", "path": pointer_text(target), "value": copy.deepcopy(resolve(state, target))}
        try:
            state = patch_apply(state, [op])
        except (KeyError, IndexError, ValueError):
            continue
        ops.append(op)
    return ops, state


def make_trace(rng, count):
    state = {"accounts": random_value(rng), "log": []}
    initial = copy.deepcopy(state)
    states = [copy.deepcopy(state)]
    events = []
    crash_at = rng.randrange(count) if rng.random() < 0.5 else None
    for i in range(count):
        event = {"seq": i, "kind": "crash" if i == crash_at else rng.choice(["call", "cast", "info"]),
                 "name": rng.choice(["deposit", "withdraw", "transfer", "tick"])}
        if rng.random() < 0.7:
            event["t"] = number(str(i * 10 + rng.randint(0, 9)))
        if rng.random() < 0.5:
            event["payload"] = random_value(rng)
        if rng.random() < 0.1:
            event["error"] = f"failed at {i}"
        roll = rng.randint(0, 9)
        if roll == 0:
            state = random_value(rng)
            event["state"] = copy.deepcopy(state)
        elif roll <= 2:
            patch = random_value(rng)
            state = merge_apply(state, patch)
            event["merge"] = patch
        elif roll > 3:
            ops, state = random_patch(rng, state)
            event["patch"] = ops
        events.append(event)
        states.append(copy.deepcopy(state))
    return initial, events, states


def expected_crash(events):
    for i, e in enumerate(events):
        if e["kind"] == "crash":
            return {"index": i, "reason": e.get("error", e.get("name")), "inferred": False}
    for i, e in enumerate(events):
        if "error" in e:
            return {"index": i, "reason": e["error"], "inferred": True}
    return None


# --- the check ------------------------------------------------------------------------

def run(binary, *args):
    result = subprocess.run([binary, *args], capture_output=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: exit {result.returncode}: {result.stderr.decode()[:300]}")
    return result.stdout.decode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--traces", type=int, default=12)
    parser.add_argument("--seed", type=int, default=20261123)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {what}")

    with tempfile.TemporaryDirectory() as directory:
        for n in range(options.traces):
            initial, events, states = make_trace(rng, rng.randint(1, 60))
            header = {"format": "replay-trace", "version": 1, "initial_state": initial}
            form = n % 3
            path = os.path.join(directory, f"trace{n}")
            if form == 0:
                text = dumps(dict(header, events=events))
            else:
                text = "\n".join(dumps(x) for x in [header] + events) + "\n"
            data = text.encode()
            if form == 2:
                data = gzip.compress(data)
            with open(path, "wb") as f:
                f.write(data)
            name = f"trace {n} ({['json', 'ndjson', 'ndjson.gz'][form]})"
            try:
                info = json.loads(run(options.binary, "info", path, "--json"))
                check(info["events"] == len(events), f"{name}: info events {info['events']} != {len(events)}")
                check(info["crash"] == expected_crash(events), f"{name}: info crash {info['crash']}")
                check(info["errors"] == sum("error" in e for e in events), f"{name}: info errors")
                positions = list(range(len(events) + 1))
                rng.shuffle(positions)
                for p in positions[:8] + sorted(positions[:4], reverse=True):
                    at = "start" if p == 0 else str(p - 1)
                    got = loads(run(options.binary, "state", path, "--at", at, "--compact"))
                    check(same(got, states[p]), f"{name}: state --at {at}: {dumps(got)[:200]} != {dumps(states[p])[:200]}")
                for _ in range(4):
                    a, b = rng.randrange(len(events) + 1), rng.randrange(len(events) + 1)
                    name_a = "start" if a == 0 else str(a - 1)
                    name_b = "start" if b == 0 else str(b - 1)
                    changes = loads(run(options.binary, "diff", path, "--from", name_a, "--to", name_b, "--json"))
                    ops = [{"op": c["op"], "path": c["path"], **({"value": c["new"]} if "new" in c else {})}
                           for c in changes]
                    check(same(patch_apply(states[a], ops), states[b]), f"{name}: diff --from {name_a} --to {name_b}")
            except (RuntimeError, ValueError, KeyError, IndexError) as error:
                check(False, f"{name}: {error}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
