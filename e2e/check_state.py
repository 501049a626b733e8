#!/usr/bin/env python3
"""Assertions on `watchfloor snapshot --state` JSON for the end-to-end run.

check_state.py MODE STATE_JSON [EXPECTED_JSON] [PREVIOUS_STATE_JSON]
  live     source up; every expected GPU present with exactly the served values
  down     source down with an error; every GPU tile stale; values kept; ages grow vs PREVIOUS
  cached   rendered from the cache before any poll: tiles present with real (non-zero) ages
Exits 1 with a message per failed assertion.
"""
import json
import sys

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def load(p):
    with open(p, encoding="utf-8") as fh:
        return json.load(fh)


def gpu_tiles(state, source="prom-main"):
    return {(t["host"], t["gpu"]): t for t in state["tiles"] if t["kind"] == "gpu" and t["source"] == source}


def source(state, sid="prom-main"):
    return next(s for s in state["sources"] if s["id"] == sid)


def close(a, b):
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-6)


def live(state, expected):
    s = source(state)
    check(s["state"] == "up", "source state %r, expected up (lastError=%r)" % (s["state"], s["lastError"]))
    check(s["lastSuccessAt"] is not None, "lastSuccessAt missing")
    tiles = gpu_tiles(state)
    check(len(tiles) == len(expected), "%d GPU tiles, expected %d" % (len(tiles), len(expected)))
    for e in expected:
        t = tiles.get((e["host"], e["gpu"]))
        if t is None:
            failures.append("no tile for %s gpu %s" % (e["host"], e["gpu"]))
            continue
        check(t["uuid"] == e["uuid"], "%s: uuid %r != %r" % (t["id"], t["uuid"], e["uuid"]))
        check(t["model"] == e["model"], "%s: model %r != %r" % (t["id"], t["model"], e["model"]))
        for k, v in e["metrics"].items():
            check(close(t["metrics"].get(k), v), "%s: %s = %r, served %r" % (t["id"], k, t["metrics"].get(k), v))
        check(t["status"] != "stale", "%s is stale while the source is up" % t["id"])
        check(0 <= t["ageSeconds"] < 30, "%s: age %r not fresh" % (t["id"], t["ageSeconds"]))


def down(state, expected, previous):
    s = source(state)
    check(s["state"] == "down", "source state %r, expected down" % s["state"])
    check(bool(s["lastError"]), "down source has no lastError")
    tiles = gpu_tiles(state)
    check(len(tiles) == len(expected), "%d GPU tiles while down, expected the %d last known" % (len(tiles), len(expected)))
    prev = gpu_tiles(previous) if previous else {}
    for key, t in tiles.items():
        check(t["status"] == "stale", "%s: status %r while the source is down, expected stale" % (t["id"], t["status"]))
        e = next((x for x in expected if (x["host"], x["gpu"]) == key), None)
        if e:
            check(close(t["metrics"]["util_pct"], e["metrics"]["util_pct"]), "%s: last value not kept" % t["id"])
        if key in prev:
            check(t["ageSeconds"] > prev[key]["ageSeconds"],
                  "%s: age %r did not grow past %r" % (t["id"], t["ageSeconds"], prev[key]["ageSeconds"]))


def cached(state, expected):
    tiles = gpu_tiles(state)
    check(len(tiles) == len(expected), "%d tiles from the cache, expected %d" % (len(tiles), len(expected)))
    for t in tiles.values():
        check(t["ageSeconds"] > 0, "%s: cached tile has age %r, expected its real age" % (t["id"], t["ageSeconds"]))


def main():
    mode, state = sys.argv[1], load(sys.argv[2])
    expected = load(sys.argv[3]) if len(sys.argv) > 3 else []
    previous = load(sys.argv[4]) if len(sys.argv) > 4 else None
    check(state.get("view") == "wall", "view is %r" % state.get("view"))
    {"live": lambda: live(state, expected), "down": lambda: down(state, expected, previous),
     "cached": lambda: cached(state, expected)}[mode]()
    for f in failures:
        print("  FAIL: " + f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
