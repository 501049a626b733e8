#!/usr/bin/env python3
"""Assertions on `watchfloor snapshot --view endpoints --state` JSON against a measured outage.

check_endpoints.py outage      STATE_JSON TIMELINE_JSON
check_endpoints.py maintenance STATE_JSON BASE_STATE_JSON TIMELINE_JSON

TIMELINE_JSON is written by endpoints_e2e.py: the downtime it injected (monotonic clock), the span during
which the console probed (its first to its last request as seen by the server), and the maintenance
window of the second pass. Prints one PASS/FAIL line per check; exits 1 if any failed. Used by
endpoints_e2e.py, and runnable by hand on the artefacts of a failed run.

Tolerances, and why:
- console probe (interval 1 s, timeout 500 ms): each edge of the outage is seen up to one interval late,
  and the judgement in force extends up to one interval: 3 s;
- blackbox through Prometheus: blackbox probes at each 1 s scrape, the console polls Prometheus each 1 s,
  and an instant query may return the previous scrape: 4 s;
- up_s + down_s against the probing span: the console's first poll of Prometheus and its first probe may
  be a cycle apart, and the last judgement counts for one more interval: 4 s (probe), 5 s (blackbox).
"""
import json
import sys

PROBE = "llama-probe"
BLACKBOX = "llama-blackbox"
TARGET_PCT = 99.5
DOWN_TOL_S = {PROBE: 3.0, BLACKBOX: 4.0}
SPAN_TOL_S = {PROBE: 4.0, BLACKBOX: 5.0}
MAINT_TOL_S = 1.5
WINDOW = "24h"  # every second of the run lies in it; "month" could be cut at a month boundary
LONG_WINDOWS = ("7d", "30d", "90d")
FIELDS = ("target_pct", "window", "uptime_pct", "budget_left_s", "up_s", "down_s", "unknown_s",
          "maintenance_s", "burn_rate")


class Checks:
    def __init__(self):
        self.results = []  # (name, ok, detail)

    def check(self, name, ok, detail="", show=False):
        """show: print the detail on PASS too (the headline figures); it is always printed on FAIL."""
        self.results.append((name, bool(ok), detail if show or not ok else ""))
        return ok

    @property
    def failed(self):
        return [r for r in self.results if not r[1]]

    def report(self, out=sys.stdout, prefix="endpoints: "):
        for name, ok, detail in self.results:
            print("%s %s%s%s" % ("PASS" if ok else "FAIL", prefix, name, (" (" + detail + ")") if detail else ""),
                  file=out)


def load(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def endpoint(state, eid):
    for e in state.get("endpoints") or []:
        if e.get("id") == eid:
            return e
    return None


def figures(ep, window=WINDOW):
    """The SLA fields of one window, or None with the reason."""
    w = (ep.get("sla_windows") or {}).get(window)
    if not isinstance(w, dict):
        return None, "no sla_windows[%r]" % window
    missing = [f for f in FIELDS if f not in w]
    if missing:
        return None, "sla_windows[%r] lacks %s" % (window, ", ".join(missing))
    return w, ""


def fmt(f):
    uptime = "none" if f["uptime_pct"] is None else "%.2f%%" % f["uptime_pct"]
    return "up %.1f s, down %.1f s, unknown %.1f s, maintenance %.1f s, uptime %s" % (
        f["up_s"], f["down_s"], f["unknown_s"], f["maintenance_s"], uptime)


def period_seconds(f):
    """The whole period a window's budget is for: its length, or the full calendar month (UTC)."""
    fixed = {"24h": 86400, "7d": 7 * 86400, "30d": 30 * 86400, "90d": 90 * 86400}
    if f["window"] in fixed:
        return fixed[f["window"]]
    import datetime
    start = datetime.datetime.fromisoformat(f["from"].replace("Z", "+00:00"))
    nxt = start.replace(year=start.year + (start.month == 12), month=start.month % 12 + 1)
    return (nxt - start).total_seconds()


def check_arithmetic(c, eid, f):
    """uptime, budget and burn rate follow from up/down as SlaFigures defines them."""
    up, down = f["up_s"], f["down_s"]
    measured = up + down
    if measured <= 0:
        return c.check("%s: SLA arithmetic" % eid, False, "nothing measured: " + fmt(f))
    allowed = 1 - TARGET_PCT / 100
    uptime = 100 * up / measured
    # the budget is over the whole period less maintenance (a calendar month: all of it), unknown time not charged
    budget_left = allowed * (period_seconds(f) - f["maintenance_s"]) - down
    burn = (down / measured) / allowed
    ok = (f["uptime_pct"] is not None and abs(f["uptime_pct"] - uptime) <= 0.01
          and abs(f["budget_left_s"] - budget_left) <= 0.5
          and f["burn_rate"] is not None and abs(f["burn_rate"] - burn) <= 0.01 * burn + 0.01)
    return c.check("%s: uptime, budget left and burn rate follow from up/down" % eid, ok,
                   "got uptime %s%%, budget left %s s, burn %s; expected %.3f%%, %.1f s, %.2f" % (
                       f["uptime_pct"], f["budget_left_s"], f["burn_rate"], uptime, budget_left, burn))


def outage(state, timeline):
    c = Checks()
    downtime = timeline["downtime_s"]
    span = timeline["console_span_s"]
    for eid in (PROBE, BLACKBOX):
        ep = endpoint(state, eid)
        if not c.check("%s: present in the state" % eid, ep is not None,
                       "endpoints: %s" % [e.get("id") for e in state.get("endpoints") or []]):
            continue
        f, why = figures(ep)
        if not c.check("%s: has %s SLA figures with every field" % (eid, WINDOW), f is not None, why):
            continue
        sla = ep.get("sla") or {}
        c.check("%s: SLA target is %.1f%%" % (eid, TARGET_PCT),
                sla.get("target_pct") == TARGET_PCT and f["target_pct"] == TARGET_PCT,
                "sla.target_pct %r, %s target_pct %r" % (sla.get("target_pct"), WINDOW, f["target_pct"]))
        c.check("%s: down_s matches the injected downtime of %.1f s (+-%.0f s)" % (eid, downtime, DOWN_TOL_S[eid]),
                abs(f["down_s"] - downtime) <= DOWN_TOL_S[eid], fmt(f), show=True)
        c.check("%s: up_s + down_s matches the %.1f s the console probed (+-%.0f s)" % (eid, span, SPAN_TOL_S[eid]),
                abs(f["up_s"] + f["down_s"] - span) <= SPAN_TOL_S[eid], fmt(f), show=True)
        expected_uptime = 100 * (span - downtime) / span
        # uptime = 1 - down/measured against 1 - downtime/span: both errors above, to first order
        uptime_tol = 100 * (DOWN_TOL_S[eid] / span + downtime * SPAN_TOL_S[eid] / span ** 2)
        c.check("%s: uptime matches the outage: %.2f%% expected (+-%.1f)" % (eid, expected_uptime, uptime_tol),
                f["uptime_pct"] is not None and abs(f["uptime_pct"] - expected_uptime) <= uptime_tol,
                "got %s" % ("none" if f["uptime_pct"] is None else "%.2f%%" % f["uptime_pct"]), show=True)
        check_arithmetic(c, eid, f)
        c.check("%s: maintenance_s is 0 without a maintenance window" % eid, abs(f["maintenance_s"]) < 0.01, fmt(f))
        longer = []
        for w in LONG_WINDOWS:
            g, why = figures(ep, w)
            if g is None:
                longer.append(why)
            elif abs(g["up_s"] - f["up_s"]) > 1 or abs(g["down_s"] - f["down_s"]) > 1:
                longer.append("%s: %s" % (w, fmt(g)))
        c.check("%s: the %s windows count the same run as %s" % (eid, "/".join(LONG_WINDOWS), WINDOW),
                not longer, "; ".join(longer))
        c.check("%s: status is up at the end" % eid, ep.get("status") == "up", "status %r" % ep.get("status"))
    return c


def maintenance(state, base, timeline):
    """Second pass: same cache, a maintenance window over part of the outage for the probe endpoint only."""
    c = Checks()
    maint = timeline["maintenance"]["seconds"]
    for eid, covered in ((PROBE, maint), (BLACKBOX, 0.0)):
        ep, ep0 = endpoint(state, eid), endpoint(base, eid)
        if not c.check("%s: present in both states" % eid, ep is not None and ep0 is not None):
            continue
        f, why = figures(ep)
        f0, why0 = figures(ep0)
        if not c.check("%s: has %s SLA figures in both states" % (eid, WINDOW), f and f0, why or why0):
            continue
        detail = "before: %s; with the window: %s" % (fmt(f0), fmt(f))
        if covered:
            c.check("%s: maintenance_s is the %.0f s window (+-%.1f s)" % (eid, covered, MAINT_TOL_S),
                    abs(f["maintenance_s"] - covered) <= MAINT_TOL_S, detail)
            c.check("%s: down_s drops by the %.0f s window (+-%.1f s)" % (eid, covered, MAINT_TOL_S),
                    abs((f0["down_s"] - f["down_s"]) - covered) <= MAINT_TOL_S, detail, show=True)
        else:
            c.check("%s: unaffected by another endpoint's maintenance" % eid,
                    abs(f["maintenance_s"]) < 0.01 and abs(f["down_s"] - f0["down_s"]) <= 1, detail)
        c.check("%s: up_s unchanged by the window" % eid, abs(f["up_s"] - f0["up_s"]) <= 1, detail)
        check_arithmetic(c, eid, f)
    return c


def main(argv):
    if len(argv) == 3 and argv[0] == "outage":
        c = outage(load(argv[1]), load(argv[2]))
    elif len(argv) == 4 and argv[0] == "maintenance":
        c = maintenance(load(argv[1]), load(argv[2]), load(argv[3]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    c.report()
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
