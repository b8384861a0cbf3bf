#!/usr/bin/env python3
"""Writes examples/bank-crash.json and its NDJSON twin examples/bank-crash.ndjson.

A recorded run of a small bank-account server: accounts are opened, money moves, a few
requests fail, interest rates change, and a transfer that overdraws an account crashes the
server. State changes use every JSON Patch op, merge patches and full snapshots. Every
change is checked against an independent JSON Patch implementation (the `jsonpatch`
package) before anything is written.

Run from the repository root: python3 scripts/make-bank-example.py
"""
import copy
import json
import os
import random
import sys

try:
    import jsonpatch
except ImportError:
    sys.exit("needs the jsonpatch package: pip install jsonpatch")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crosscheck import merge_apply as merge  # noqa: E402  (RFC 7386, shared with the cross-check)

BIG_TX = 9007199254740993  # beyond 2^53: must survive as written


def account(number, owner, balance, currency="EUR"):
    return {"id": f"acc-{number}", "owner": owner, "balance": balance, "currency": currency,
            "recent": [], "limits": {"daily": 500000, "overdraft": 0}, "status": "open"}


def main():
    rng = random.Random(20261123)
    state = {
        "accounts": [
            account(1001, "Ada Lovelace", 125000),
            account(1002, "Zoë Ångström", 84000),
            account(1003, "山田太郎", 310000, "JPY"),
            account(1004, "Grace Hopper", 5000),
            account(1005, "Alan Turing", 0),
        ],
        "ledger": [],
        "stats": {"requests": 0, "failed": 0, "volume": 0},
        "rates": {"savings": 0.0100, "overdraft": 0.1450},
        "next_tx": 1001,
    }
    initial = copy.deepcopy(state)
    events = []
    t = 0.0

    def index_of(acc_id):
        return next(i for i, a in enumerate(state["accounts"]) if a["id"] == acc_id)

    def emit(kind, name, payload, change=None, error=None, gap=None):
        nonlocal t, state
        t += gap if gap is not None else rng.choice([3, 7, 12, 25, 40, 120, 480, 1500])
        t = round(t + rng.random(), 3)
        event = {"seq": len(events) + 1, "t": t, "kind": kind, "name": name}
        if payload is not None:
            event["payload"] = payload
        if error is not None:
            event["error"] = error
        if change is not None:
            field, value = change
            event[field] = value
            if field == "patch":
                state = jsonpatch.apply_patch(state, value)  # raises if any op does not apply
            elif field == "merge":
                state = merge(state, value)
            else:
                state = copy.deepcopy(value)
        events.append(event)

    def new_tx():
        tx = f"tx-{state['next_tx']}"
        return tx, [{"op": "replace", "path": "/next_tx", "value": state["next_tx"] + 1}]

    def deposit(acc_id, amount, kind="call"):
        i = index_of(acc_id)
        tx, bump = new_tx()
        ops = [
            {"op": "test", "path": f"/accounts/{i}/id", "value": acc_id},
            {"op": "replace", "path": f"/accounts/{i}/balance", "value": state["accounts"][i]["balance"] + amount},
            {"op": "add", "path": f"/accounts/{i}/recent/-", "value": tx},
            {"op": "add", "path": "/ledger/-", "value": {"tx": tx, "account": acc_id, "amount": amount}},
        ] + bump
        emit(kind, "deposit", {"account": acc_id, "amount": amount}, ("patch", ops))

    def withdraw(acc_id, amount):
        i = index_of(acc_id)
        balance = state["accounts"][i]["balance"]
        if amount > balance:
            emit("call", "withdraw", {"account": acc_id, "amount": amount},
                 error=f"insufficient funds: balance {balance} < {amount}")
            return
        tx, bump = new_tx()
        ops = [
            {"op": "replace", "path": f"/accounts/{i}/balance", "value": balance - amount},
            {"op": "add", "path": f"/accounts/{i}/recent/0", "value": tx},
            {"op": "add", "path": "/ledger/-", "value": {"tx": tx, "account": acc_id, "amount": -amount}},
        ] + bump
        emit("call", "withdraw", {"account": acc_id, "amount": amount}, ("patch", ops))

    def transfer(src, dst, amount):
        i, j = index_of(src), index_of(dst)
        tx, bump = new_tx()
        ops = [
            {"op": "replace", "path": f"/accounts/{i}/balance", "value": state["accounts"][i]["balance"] - amount},
            {"op": "replace", "path": f"/accounts/{j}/balance", "value": state["accounts"][j]["balance"] + amount},
            {"op": "add", "path": "/ledger/-", "value": {"tx": tx, "from": src, "to": dst, "amount": amount}},
            {"op": "copy", "from": f"/ledger/{len(state['ledger'])}/tx", "path": f"/accounts/{j}/recent/-"},
        ] + bump
        emit("call", "transfer", {"from": src, "to": dst, "amount": amount}, ("patch", ops))

    def count_requests(failed=False, volume=0):
        stats = state["stats"]
        patch = {"stats": {"requests": stats["requests"] + 1, "volume": stats["volume"] + volume}}
        if failed:
            patch["stats"]["failed"] = stats["failed"] + 1
        emit("cast", "stats", patch, ("merge", patch), gap=1)

    emit("info", "boot", {"node": "bank@10.0.0.7", "version": "2.3.1"}, gap=0)
    deposit("acc-1001", 5000)
    deposit("acc-1002", 12050)
    withdraw("acc-1004", 1500)
    count_requests(volume=18550)
    transfer("acc-1003", "acc-1005", 45000)
    withdraw("acc-1004", 5000)  # error: insufficient funds
    count_requests(failed=True)
    emit("info", "rate_update", {"savings": 0.0125}, ("merge", {"rates": {"savings": 0.0125}}))
    i = len(state["accounts"])
    emit("call", "open_account", {"owner": "Barbara Liskov", "currency": "USD"},
         ("patch", [{"op": "add", "path": f"/accounts/{i}", "value": account(1006, "Barbara Liskov", 0, "USD")}]))
    deposit("acc-1006", 250000)
    emit("call", "audit", {"tx": BIG_TX, "auditor": "ext-7"},
         ("patch", [{"op": "add", "path": "/audit", "value": {"last_tx": BIG_TX, "ok": True}}]))
    for _ in range(6):
        deposit(rng.choice(["acc-1001", "acc-1002", "acc-1003"]), rng.choice([1000, 2500, 9900, 15000]), "cast")
    count_requests(volume=40000)
    emit("info", "tick", {"uptime_s": 61})
    transfer("acc-1001", "acc-1002", 20000)
    emit("call", "freeze", {"account": "acc-1005", "reason": "kyc"},
         ("patch", [{"op": "replace", "path": f"/accounts/{index_of('acc-1005')}/status", "value": "frozen"},
                    {"op": "move", "from": f"/accounts/{index_of('acc-1005')}/limits",
                     "path": "/frozen_limits"}]))
    emit("call", "withdraw", {"account": "acc-1005", "amount": 100}, error="account acc-1005 is frozen")
    count_requests(failed=True)
    # A periodic full snapshot, as the recorder writes every so often.
    emit("info", "snapshot", {"reason": "periodic"}, ("state", copy.deepcopy(state)), gap=2000)
    emit("info", "tick", {"uptime_s": 125})
    for acc_id in ["acc-1001", "acc-1003", "acc-1006"]:
        emit("call", "balance", {"account": acc_id})
    emit("cast", "heartbeat", {"peers": ["bank@10.0.0.8", "bank@10.0.0.9"]})
    for _ in range(5):
        withdraw(rng.choice(["acc-1001", "acc-1002", "acc-1006"]), rng.choice([500, 1200, 3000]))
    emit("call", "close_account", {"account": "acc-1004"},
         ("patch", [{"op": "remove", "path": f"/accounts/{index_of('acc-1004')}"}]))
    emit("info", "rate_update", {"overdraft": 0.1599},
         ("merge", {"rates": {"overdraft": 0.1599}, "audit": None}))
    count_requests(volume=12000)
    transfer("acc-1006", "acc-1003", 75000)
    emit("cast", "reindex", None, ("patch", [{"op": "move", "from": "/ledger/0", "path": "/ledger/-"}]))
    withdraw("acc-1002", 999999)  # error: insufficient funds
    for _ in range(6):
        deposit(rng.choice(["acc-1001", "acc-1003", "acc-1006"]), rng.choice([700, 4200, 12000]), "cast")
    emit("info", "tick", {"uptime_s": 190})
    emit("call", "statement", {"account": "acc-1003", "from": "2026-11-01", "to": "2026-11-20"})
    emit("cast", "heartbeat", {"peers": ["bank@10.0.0.8"]})
    emit("info", "nodedown", {"node": "bank@10.0.0.9", "reason": "noconnection"},
         ("merge", {"stats": {"peers": 1}}))
    withdraw("acc-1001", 200)
    emit("info", "snapshot", {"reason": "periodic"}, ("state", copy.deepcopy(state)), gap=2000)
    count_requests(volume=30000)
    transfer("acc-1002", "acc-1001", 5000)
    j = index_of("acc-1002")
    emit("call", "set_overdraft", {"account": "acc-1002", "limit": 100000},
         ("patch", [{"op": "replace", "path": f"/accounts/{j}/limits/overdraft", "value": 100000}]))
    withdraw("acc-1001", 8000)
    emit("call", "transfer", {"from": "acc-1002", "to": "acc-1005", "amount": 500000},
         error="** (ArithmeticError) bad argument in arithmetic expression")
    emit("crash", "badarith", {"last_call": "transfer", "balance": state["accounts"][j]["balance"],
                               "overdraft": state["accounts"][j]["limits"]["overdraft"]},
         error="** (ArithmeticError) bad argument in arithmetic expression\n"
               "    (bank 2.3.1) lib/bank/server.ex:88: Bank.Server.handle_call/3",
         gap=2)

    trace = {
        "format": "replay-trace",
        "version": 1,
        "meta": {"title": "bank server: overdraft crash", "source": "bank@10.0.0.7 recorder 2.3.1",
                 "recorded_at": "2026-11-20T14:02:11Z"},
        "initial_state": initial,
        "events": events,
    }
    with open("examples/bank-crash.json", "w", encoding="utf-8") as out:
        out.write("{\n")
        for key in ["format", "version", "meta", "initial_state"]:
            out.write(f'  {json.dumps(key)}: {json.dumps(trace[key], ensure_ascii=False)},\n')
        out.write('  "events": [\n')
        out.write(",\n".join("    " + json.dumps(e, ensure_ascii=False) for e in events))
        out.write("\n  ]\n}\n")
    header = {k: trace[k] for k in ["format", "version", "meta", "initial_state"]}
    with open("examples/bank-crash.ndjson", "w", encoding="utf-8") as out:
        for record in [header] + events:
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    errors = [i for i, e in enumerate(events) if "error" in e]
    print(f"wrote {len(events)} events; errors at {errors}; crash at #{len(events) - 1}")


if __name__ == "__main__":
    main()
