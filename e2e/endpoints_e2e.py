#!/usr/bin/env python3
"""End-to-end test of endpoint uptime: take a local OpenAI-compatible endpoint down for a measured time while
the console probes it itself and reads it through a real blackbox_exporter + Prometheus; the uptime the
console computes must match the downtime injected. Standard library only; every process it starts is
stopped on the way out, whatever happens.

endpoints_e2e.py [--launcher WATCHFLOOR] [--out DIR] [--polls N] [--up-before S] [--down S] [--peers-only]

Peers, all on 127.0.0.1 free ports: e2e/fake_openai.py (the endpoint), prometheus-blackbox-exporter
(module http_2xx on GET /v1/models) and prometheus (job blackbox-llm, scraped through /probe every 1 s).

Timeline: `watchfloor snapshot --view endpoints --polls N` runs in the background; once the server sees
the console's first probe, the endpoint stays up --up-before seconds, is SIGKILLed, stays down --down
seconds (measured with the monotonic clock, kill to listening again), comes back on the same port, and
stays up until the console has done its N polls. Then:
  - Prometheus' own samples must show probe_success = 0 for the injected downtime (the peers are right);
  - check_endpoints.py outage: down_s of both endpoints, up_s + down_s against the time the console probed,
    uptime/budget/burn rate, status up at the end;
  - second pass, `--polls 0` on the same data dir with a maintenance window over 10 s of the outage for
    llama-probe only: check_endpoints.py maintenance.
--peers-only skips the console (checks the peers and the outage injection alone).

Artefacts (PNG, state JSON, timeline.json, requests.jsonl, every process log) stay in --out; the scratch
directory (Prometheus TSDB, cache) is removed only when every check passed. Prints PASS/FAIL per check;
exits 1 if any failed.
"""
import argparse
import csv
import ctypes
import datetime
import json
import math
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_endpoints  # noqa: E402  (same directory)

BLACKBOX_UA = "blackbox-e2e/1"  # the blackbox module sends this; any other User-Agent is the console
JOB = "blackbox-llm"
PNG_SIZE = (1366, 768)
MAINTENANCE_S = 10
CUSTOMER = "e2e-customer"  # implied by the endpoints (no customers: section), for the report pass


class Failed(Exception):
    """A step the rest of the run cannot go on without."""


class Run:
    def __init__(self, out, work):
        self.out, self.work = out, work
        self.procs = []  # (name, Popen), each the leader of its own process group
        self.checks = check_endpoints.Checks()

    # --- processes ---------------------------------------------------------------------------------
    def start(self, name, argv, stdout=None):
        log = open(os.path.join(self.out, name + ".log"), "ab")
        p = subprocess.Popen(argv, stdout=stdout or log, stderr=log, stdin=subprocess.DEVNULL,
                             start_new_session=True, preexec_fn=die_with_parent)
        log.close()
        self.procs.append((name, p))
        return p

    def stop(self, p, sig=signal.SIGTERM, grace=5.0):
        """Signals p's process group (the launcher's JVM is a child of its script), then waits."""
        for s in (sig, signal.SIGKILL):
            try:
                os.killpg(p.pid, s)
            except ProcessLookupError:
                pass
            try:
                p.wait(timeout=grace)
                return
            except subprocess.TimeoutExpired:
                continue

    def cleanup(self):
        for _, p in reversed(self.procs):
            self.stop(p)
        self.procs.clear()

    # --- checks --------------------------------------------------------------------------------------
    def check(self, name, ok, detail="", show=False):
        self.checks.check(name, ok, detail, show)
        detail = self.checks.results[-1][2]
        print("%s endpoints: %s%s" % ("PASS" if ok else "FAIL", name, (" (" + detail + ")") if detail else ""),
              flush=True)
        return ok

    def absorb(self, c):
        for name, ok, detail in c.results:
            self.check(name, ok, detail, show=True)  # c already dropped the details not to show


def die_with_parent():
    """In the child: get SIGTERM if this harness dies, even by SIGKILL (Linux prctl PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def free_port(start, taken=()):
    """First port from start upwards that nothing listens on and that this run has not handed out."""
    p = start
    while True:
        if p not in taken:
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", p))
                    return p
                except OSError:
                    pass
        p += 1


def http_get(url, timeout=2.0):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read().decode()


def wait_until(limit, what, cond, proc=None):
    """Polls cond() until true; gives up after limit seconds, or at once if proc (a Popen) has exited."""
    end = time.monotonic() + limit
    while True:
        try:
            if cond():
                return
        except (OSError, ValueError, KeyError, IndexError):
            pass
        if proc is not None and proc.poll() is not None:
            raise Failed("%s: the process exited with %s first" % (what, proc.returncode))
        if time.monotonic() >= end:
            raise Failed("timed out after %ss waiting for %s" % (limit, what))
        time.sleep(0.1)


def sleep_until(deadline):
    """Holds a phase of the injected timeline (the stimulus itself, not a synchronisation)."""
    while (left := deadline - time.monotonic()) > 0:
        time.sleep(min(left, 0.5))


def prom_query(port, query, **params):
    q = urllib.parse.urlencode(dict(query=query, **params))
    body = json.loads(http_get("http://127.0.0.1:%d/api/v1/query?%s" % (port, q)))
    if body.get("status") != "success":
        raise ValueError(body)
    return body["data"]


def iso(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def png_size(path):
    with open(path, "rb") as fh:
        head = fh.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


# --- the endpoint --------------------------------------------------------------------------------------
def start_endpoint(run, port, gen):
    """Starts fake_openai.py and returns (Popen, monotonic time it was listening)."""
    p = run.start("fake-openai-%d" % gen, [sys.executable, os.path.join(HERE, "fake_openai.py"), "--port", str(port),
                                           "--log", os.path.join(run.out, "requests.jsonl")],
                  stdout=subprocess.PIPE)
    ready, _, _ = select.select([p.stdout], [], [], 10)
    line = p.stdout.readline().decode() if ready else ""
    at = time.monotonic()
    if not line.startswith("listening"):
        raise Failed("the fake OpenAI server did not start on port %d (see fake-openai-%d.log)" % (port, gen))
    return p, at


def console_requests(out):
    reqs = []
    path = os.path.join(out, "requests.jsonl")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    reqs.append(json.loads(line))
                except ValueError:
                    pass  # a line cut short by the SIGKILL of the server
    return [r for r in reqs if r["ua"] != BLACKBOX_UA]


# --- peers: blackbox_exporter and Prometheus ----------------------------------------------------------
def start_peers(run, api_port, bb_port, prom_port):
    target = "http://127.0.0.1:%d/v1/models" % api_port
    with open(os.path.join(run.out, "blackbox.yml"), "w") as fh:
        fh.write("""modules:
  http_2xx:
    prober: http
    timeout: 1s
    http:
      method: GET
      preferred_ip_protocol: ip4
      headers: {User-Agent: "%s"}
""" % BLACKBOX_UA)
    bb = run.start("blackbox", ["prometheus-blackbox-exporter", "--config.file=" + os.path.join(run.out, "blackbox.yml"),
                                "--web.listen-address=127.0.0.1:%d" % bb_port])
    probe = "http://127.0.0.1:%d/probe?%s" % (bb_port, urllib.parse.urlencode({"target": target, "module": "http_2xx"}))
    wait_until(20, "blackbox_exporter probing the endpoint", lambda: "\nprobe_success 1" in http_get(probe), bb)

    with open(os.path.join(run.out, "prometheus.yml"), "w") as fh:
        # the usual blackbox pattern: the target becomes a URL parameter, the scrape goes to the exporter
        fh.write("""global: {scrape_interval: 1s, evaluation_interval: 1s}
scrape_configs:
  - job_name: %s
    metrics_path: /probe
    params: {module: [http_2xx]}
    static_configs: [{targets: ['%s']}]
    relabel_configs:
      - {source_labels: [__address__], target_label: __param_target}
      - {source_labels: [__param_target], target_label: instance}
      - {target_label: __address__, replacement: '127.0.0.1:%d'}
""" % (JOB, target, bb_port))
    prom = run.start("prometheus", ["prometheus", "--config.file=" + os.path.join(run.out, "prometheus.yml"),
                                    "--storage.tsdb.path=" + os.path.join(run.work, "tsdb"),
                                    "--web.listen-address=127.0.0.1:%d" % prom_port])
    wait_until(30, "prometheus ready", lambda: http_get("http://127.0.0.1:%d/-/ready" % prom_port), prom)
    up = 'probe_success{job="%s"}' % JOB
    wait_until(30, "prometheus scraping probe_success = 1",
               lambda: prom_query(prom_port, up)["result"][0]["value"][1] == "1", prom)


def prometheus_zero_run(prom_port, since_wall):
    """Seconds between the first probe_success = 0 sample after since_wall and the next 1, from raw samples."""
    data = prom_query(prom_port, 'probe_success{job="%s"}[10m]' % JOB)
    samples = [(float(t), v) for t, v in data["result"][0]["values"] if float(t) >= since_wall]
    first_zero = next((t for t, v in samples if v == "0"), None)
    if first_zero is None:
        return None, samples
    back = next((t for t, v in samples if t > first_zero and v == "1"), None)
    return (None if back is None else back - first_zero), samples


# --- the console ----------------------------------------------------------------------------------------
def write_config(path, api_port, prom_port, maintenance=None):
    text = """sources:
  - id: prom
    type: prometheus
    url: http://127.0.0.1:%d
    interval: 1s
    gpus: false
endpoints:
  - id: llama-probe
    provider: openai-compatible
    url: http://127.0.0.1:%d/v1
    probe: {interval: 1s, timeout: 500ms}
    sla: {target: 99.5}
    customer: %s
  - id: llama-blackbox
    provider: prometheus
    source: prom
    selector: '{job="%s"}'
    sla: {target: 99.5}
    customer: %s
""" % (prom_port, api_port, CUSTOMER, JOB, CUSTOMER)
    if maintenance:
        text += "maintenance:\n  - {endpoint: llama-probe, from: \"%s\", to: \"%s\"}\n" % maintenance
    with open(path, "w") as fh:
        fh.write(text)


def snapshot_argv(args, config, data, name, polls):
    return [args.launcher, "snapshot", "--config", config, "--data-dir", data, "--view", "endpoints",
            "--polls", str(polls), "--size", "%dx%d" % PNG_SIZE,
            "--out", os.path.join(args.out, name + ".png"), "--state", os.path.join(args.out, name + ".json")]


def check_png(run, name):
    path = os.path.join(run.out, name + ".png")
    size = png_size(path) if os.path.exists(path) else None
    run.check("%s.png is a %dx%d PNG" % (name, *PNG_SIZE), size == PNG_SIZE, "got %r" % (size,))


# --- the run ----------------------------------------------------------------------------------------------
def outage_run(run, args, ports):
    api_port, bb_port, prom_port = ports
    endpoint, _ = start_endpoint(run, api_port, 1)
    start_peers(run, api_port, bb_port, prom_port)
    config = os.path.join(run.out, "console.yaml")
    data = os.path.join(run.work, "data")
    write_config(config, api_port, prom_port)

    console = None
    if args.peers_only:
        t_first = time.monotonic()
    else:
        rc = subprocess.run([args.launcher, "check-config", config], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, timeout=60)
        run.check("check-config accepts the endpoints config", rc.returncode == 0,
                  rc.stdout.decode(errors="replace").strip()[-400:])
        console = run.start("console", snapshot_argv(args, config, data, "endpoints", args.polls))
        wait_until(90, "the console's first probe of the endpoint", lambda: console_requests(run.out), console)
        t_first = console_requests(run.out)[0]["mono"]

    # the injected outage
    sleep_until(t_first + args.up_before)
    if console is not None and console.poll() is not None:
        raise Failed("the console finished (exit %s) before the outage began; see console.log" % console.returncode)
    wall_kill, t_kill = time.time(), time.monotonic()
    run.stop(endpoint, signal.SIGKILL)
    t_dead = time.monotonic()
    sleep_until(t_kill + args.down)
    endpoint, t_up = start_endpoint(run, api_port, 2)
    wall_up = time.time()
    downtime = t_up - t_kill
    print("info endpoints: endpoint killed at %s, listening again %.3f s later (socket gone within %.3f s)"
          % (iso(wall_kill), downtime, t_dead - t_kill), flush=True)
    timeline = {"downtime_s": downtime, "kill_wall": wall_kill, "restart_wall": wall_up,
                "kill_to_reaped_s": t_dead - t_kill}

    if console is None:
        wait_until(10, "prometheus seeing the endpoint back",
                   lambda: prom_query(prom_port, 'probe_success{job="%s"}' % JOB)["result"][0]["value"][1] == "1")
    else:
        run.check("the console was still polling when the endpoint came back", console.poll() is None,
                  "exit %s; raise --polls" % console.returncode)
        try:
            console.wait(timeout=args.polls * 3 + 60)
        except subprocess.TimeoutExpired:
            raise Failed("the console's snapshot did not finish in %d s; see console.log" % (args.polls * 3 + 60))
        run.check("snapshot --view endpoints --polls %d exits 0" % args.polls, console.returncode == 0,
                  "exit %s; see console.log" % console.returncode)

    zero_s, samples = prometheus_zero_run(prom_port, wall_kill - 5)
    run.check("prometheus: probe_success was 0 for the injected %.1f s (+-2 s)" % downtime,
              zero_s is not None and abs(zero_s - downtime) <= 2,
              "0 for %s s over %d samples" % (None if zero_s is None else round(zero_s, 1), len(samples)), show=True)
    timeline["prometheus_zero_s"] = zero_s
    if console is None:
        return timeline, None

    reqs = console_requests(run.out)
    first, last = reqs[0]["mono"], reqs[-1]["mono"]
    timeline.update(console_first_wall=reqs[0]["wall"], console_last_wall=reqs[-1]["wall"],
                    console_span_s=last - first, console_requests=len(reqs),
                    console_up_after_restart_s=last - t_up)
    run.check("the console probed for at least 10 s after the endpoint came back", last - t_up >= 10,
              "last probe %.1f s after; raise --polls" % (last - t_up))
    # a maintenance window on whole seconds, well inside the outage, for the second pass
    m_from = math.ceil(wall_kill) + 2
    timeline["maintenance"] = {"from": iso(m_from), "to": iso(m_from + MAINTENANCE_S), "seconds": MAINTENANCE_S}
    with open(os.path.join(run.out, "timeline.json"), "w") as fh:
        json.dump(timeline, fh, indent=2)
    print("info endpoints: console probed %d times over %.1f s" % (len(reqs), last - first), flush=True)

    state = os.path.join(run.out, "endpoints.json")
    if run.check("endpoints.json written", console.returncode == 0 and os.path.exists(state)):
        run.absorb(check_endpoints.outage(check_endpoints.load(state), timeline))
        check_png(run, "endpoints")
    return timeline, data


def maintenance_run(run, args, ports, timeline, data):
    api_port, _, prom_port = ports
    config = os.path.join(run.out, "console-maintenance.yaml")
    m = timeline["maintenance"]
    write_config(config, api_port, prom_port, (m["from"], m["to"]))
    p = run.start("console-maintenance", snapshot_argv(args, config, data, "maintenance", 0))
    try:
        p.wait(timeout=120)
    except subprocess.TimeoutExpired:
        raise Failed("snapshot --polls 0 did not finish in 120 s; see console-maintenance.log")
    state = os.path.join(run.out, "maintenance.json")
    if run.check("snapshot --polls 0 with a maintenance window exits 0", p.returncode == 0 and os.path.exists(state),
                 "exit %s; see console-maintenance.log" % p.returncode):
        run.absorb(check_endpoints.maintenance(check_endpoints.load(state),
                                               check_endpoints.load(os.path.join(run.out, "endpoints.json")), timeline))


def report_run(run, args, data):
    """Third pass: `watchfloor report` over the same cache. The report's SLA figures must be the ones the console
    showed (maintenance.json, same config), and its PDF and HTML must be written; a window without data is a
    report that says so, not an error."""
    config = os.path.join(run.out, "console-maintenance.yaml")
    base = check_endpoints.load(os.path.join(run.out, "maintenance.json"))
    today = datetime.datetime.now(datetime.timezone.utc).date()
    days = ["--from", (today - datetime.timedelta(days=1)).isoformat(), "--to", today.isoformat()]

    def report(name, fmt, *scope_and_window):
        out = os.path.join(run.out, name)
        argv = [args.launcher, "report", "--config", config, "--data-dir", data, "--kind", "weekly",
                *scope_and_window, "--format", fmt, "--out", out]
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
        text = p.stdout.decode(errors="replace")
        with open(os.path.join(run.out, name + ".log"), "w") as fh:
            fh.write(text)
        ok = run.check("report --format %s %s exits 0 and writes %s" % (fmt, " ".join(scope_and_window), name),
                       p.returncode == 0 and os.path.exists(out), "exit %s: %s" % (p.returncode, text.strip()[-300:]))
        return (out, text) if ok else (None, text)

    csv_path, _ = report("report.csv", "csv", "--customer", CUSTOMER, *days)
    if csv_path:
        with open(csv_path, newline="", encoding="utf-8") as fh:
            rows = {r["endpoint_id"]: r for r in csv.DictReader(fh)}
        for eid in (check_endpoints.PROBE, check_endpoints.BLACKBOX):
            row, (f, why) = rows.get(eid), figures_of(base, eid)
            if not run.check("report.csv: a row for %s with SLA figures" % eid,
                             row is not None and f is not None and row.get("uptime_pct"), "%r %s" % (row, why)):
                continue
            used_s = float(row["budget_used_minutes"]) * 60
            run.check("report.csv: %s budget used is the console's down time %.1f s (+-1 s)" % (eid, f["down_s"]),
                      abs(used_s - f["down_s"]) <= 1, "report %.1f s" % used_s, show=True)
            run.check("report.csv: %s uptime is the console's %.3f%% (+-0.01)" % (eid, f["uptime_pct"]),
                      abs(float(row["uptime_pct"]) - f["uptime_pct"]) <= 0.01, "report %s" % row["uptime_pct"])
        run.check("report.csv: a TOTAL row", "TOTAL" in rows or any(k == "" for k in rows), "rows %s" % list(rows))
    pdf_path, _ = report("report.pdf", "pdf", "--customer", CUSTOMER, *days)
    if pdf_path:
        with open(pdf_path, "rb") as fh:
            head = fh.read(5)
        run.check("report.pdf is a PDF", head == b"%PDF-", "starts with %r" % head)
    html_path, _ = report("report.html", "html", "--endpoint", check_endpoints.PROBE, *days)
    if html_path:
        with open(html_path, encoding="utf-8") as fh:
            run.check("report.html names the endpoint", check_endpoints.PROBE in fh.read())
    _, text = report("report-empty.pdf", "pdf", "--customer", CUSTOMER, "--from", "2020-01-01", "--to", "2020-01-31")
    run.check("a window without data is a report that says so", "no data" in text.lower(), text.strip()[-300:])


def figures_of(state, eid):
    ep = check_endpoints.endpoint(state, eid)
    return check_endpoints.figures(ep) if ep is not None else (None, "%s not in the state" % eid)


def main():
    root = os.path.dirname(HERE)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--launcher", default=os.path.join(root, "app/target/watchfloor/bin/watchfloor"))
    ap.add_argument("--out", help="artefacts and logs (default: a new directory under /tmp)")
    ap.add_argument("--polls", type=int, default=75, help="console poll cycles, 1 s apart (default 75)")
    ap.add_argument("--up-before", type=float, default=15, help="seconds up before the outage (default 15)")
    ap.add_argument("--down", type=float, default=30, help="seconds of injected downtime (default 30)")
    ap.add_argument("--peers-only", action="store_true", help="no console: check the peers and the outage alone")
    args = ap.parse_args()

    for tool in ("prometheus", "prometheus-blackbox-exporter"):
        if shutil.which(tool) is None:
            print("FAIL endpoints: %s not installed (apt-get install %s)" % (tool, tool))
            return 1
    if not args.peers_only and not os.access(args.launcher, os.X_OK):
        print("FAIL endpoints: launcher %s missing: run 'mvn -B verify' first" % args.launcher)
        return 1
    work = tempfile.mkdtemp(prefix="watchfloor-endpoints-e2e.")
    args.out = os.path.abspath(args.out or os.path.join(work, "out"))
    os.makedirs(args.out, exist_ok=True)
    for stale in ("requests.jsonl", "timeline.json", "endpoints.json", "maintenance.json"):
        if os.path.exists(os.path.join(args.out, stale)):
            os.remove(os.path.join(args.out, stale))  # a previous run's file would fake this one's results
    run = Run(args.out, work)

    def on_signal(signum, _frame):
        for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(s, signal.SIG_IGN)  # a second signal must not cut the cleanup short
        raise SystemExit(128 + signum)  # unwinds through the finally below, which stops every process
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, on_signal)

    start = time.monotonic()
    code = 0
    try:
        ports = (free_port(19480),)
        ports += (free_port(19481, ports),)
        ports += (free_port(19482, ports),)
        timeline, data = outage_run(run, args, ports)
        if data is not None and os.path.exists(os.path.join(args.out, "endpoints.json")):
            run.cleanup()  # no peer is needed any more; the second pass reads the cache only
            maintenance_run(run, args, ports, timeline, data)
            report_run(run, args, data)
    except Failed as e:
        run.check("run completed", False, str(e))
    except SystemExit as e:
        code = e.code
        run.check("run completed", False, "interrupted (exit %s)" % e.code)
    finally:
        run.cleanup()
    failed = len(run.checks.failed)
    print("endpoints: %d passed, %d failed in %.0f s; artefacts and logs in %s"
          % (len(run.checks.results) - failed, failed, time.monotonic() - start, args.out), flush=True)
    if failed == 0:
        shutil.rmtree(os.path.join(work, "tsdb"), ignore_errors=True)
        shutil.rmtree(os.path.join(work, "data"), ignore_errors=True)
        if not args.out.startswith(work):
            shutil.rmtree(work, ignore_errors=True)
    else:
        print("endpoints: scratch (TSDB, cache) kept in %s" % work)
    return code or (1 if failed else 0)


if __name__ == "__main__":
    sys.exit(main())
