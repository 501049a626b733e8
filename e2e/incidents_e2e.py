#!/usr/bin/env python3
"""End-to-end test of incidents: a real Prometheus alerting rule fires into a real Alertmanager, the console opens
an incident with the mapped severity and response deadline, a script acknowledges it, the alert clears and the
incident shows it resolved; then the command line resolves (required steps need an override) and exports the
postmortem. Standard library only; every process it starts is stopped on the way out, whatever happens.

incidents_e2e.py [--launcher WATCHFLOOR] [--out DIR]

Peers, all on 127.0.0.1 free ports: prometheus-node-exporter (textfile collector serving one GPU's
DCGM_FI_DEV_XID_ERRORS and DCGM_FI_DEV_GPU_TEMP in dcgm-exporter format), prometheus (rules GpuXidErrors
severity=critical and GpuTemperatureHigh severity=warning, both `for: 0s`, evaluated every 1 s,
--rules.alert.resend-delay=2s) and prometheus-alertmanager (--cluster.listen-address= turns gossip off).

Steps are synchronised on conditions (Alertmanager's API, the console's state JSON), never on blind sleeps.
Prints PASS/FAIL per check; exits 1 if any failed. Artefacts (state JSON, PNG, postmortem, logs) stay in --out.
"""
import argparse
import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from endpoints_e2e import die_with_parent, free_port, wait_until, Failed  # noqa: E402  (same directory)

HOST = "gpu-e2e-01"
TEXTFILE = """# HELP DCGM_FI_DEV_XID_ERRORS Value of the last XID error encountered.
# TYPE DCGM_FI_DEV_XID_ERRORS gauge
DCGM_FI_DEV_XID_ERRORS{gpu="0",UUID="GPU-e2e0",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="%(host)s"} %(xid)d
# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %%).
# TYPE DCGM_FI_DEV_GPU_UTIL gauge
DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-e2e0",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="%(host)s"} 97
# HELP DCGM_FI_DEV_GPU_TEMP GPU temperature (in C).
# TYPE DCGM_FI_DEV_GPU_TEMP gauge
DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-e2e0",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="%(host)s"} %(temp)d
"""
RULES = """groups:
  - name: gpu
    interval: 1s
    rules:
      - alert: GpuXidErrors
        expr: DCGM_FI_DEV_XID_ERRORS > 0
        for: 0s
        labels: {severity: critical, host: '{{ $labels.Hostname }}'}
        annotations:
          summary: 'Xid {{ $value }} on {{ $labels.Hostname }} GPU {{ $labels.gpu }}'
      - alert: GpuTemperatureHigh
        expr: DCGM_FI_DEV_GPU_TEMP > 85
        for: 0s
        labels: {severity: warning, host: '{{ $labels.Hostname }}'}
        annotations:
          summary: 'GPU {{ $labels.gpu }} on {{ $labels.Hostname }} at {{ $value }} C'
"""
P1_SLA_S = 15 * 60
P3_SLA_S = 4 * 3600


class Run:
    def __init__(self, out, work):
        self.out, self.work = out, work
        self.procs = []
        self.passed = self.failed = 0

    def start(self, name, argv):
        log = open(os.path.join(self.out, name + ".log"), "ab")
        p = subprocess.Popen(argv, stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True,
                             preexec_fn=die_with_parent)
        log.close()
        self.procs.append(p)
        return p

    def cleanup(self):
        for p in reversed(self.procs):
            for s in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(p.pid, s)
                except ProcessLookupError:
                    pass
                try:
                    p.wait(timeout=5)
                    break
                except subprocess.TimeoutExpired:
                    continue

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print("%s incidents: %s%s" % ("PASS" if ok else "FAIL", name, "" if ok or not detail else " (" + detail + ")"),
              flush=True)
        return ok

    def watchfloor(self, launcher, name, *args, timeout=180):
        """Runs the launcher to the end; returns (exit code, stdout + stderr); stdout alone is in self.stdout.
        Both also go to OUT/NAME.log."""
        p = subprocess.run([launcher, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                           stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
        self.stdout = p.stdout.decode(errors="replace")
        text = self.stdout + p.stderr.decode(errors="replace")
        with open(os.path.join(self.out, name + ".log"), "w") as f:
            f.write(text)
        return p.returncode, text


def http_json(url):
    with urllib.request.urlopen(url, timeout=2) as r:
        return json.loads(r.read().decode())


def write_textfile(directory, xid, temp):
    tmp = os.path.join(directory, "gpu.prom.tmp")
    with open(tmp, "w") as f:
        f.write(TEXTFILE % {"host": HOST, "xid": xid, "temp": temp})
    os.replace(tmp, os.path.join(directory, "gpu.prom"))  # the collector never sees half a file


def am_alerts(port):
    return http_json("http://127.0.0.1:%d/api/v2/alerts" % port)


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def start_peers(run, ports):
    node_port, prom_port, am_port = ports
    textdir = os.path.join(run.work, "textfile")
    os.makedirs(textdir)
    write_textfile(textdir, xid=79, temp=91)
    run.start("node-exporter", ["prometheus-node-exporter", "--web.listen-address=127.0.0.1:%d" % node_port,
                                "--collector.textfile.directory=" + textdir, "--no-collector.systemd"])
    with open(os.path.join(run.work, "alertmanager.yml"), "w") as f:
        f.write("route: {receiver: blackhole, group_wait: 0s, group_interval: 1s, repeat_interval: 1h}\n"
                "receivers: [{name: blackhole}]\n")
    run.start("alertmanager", ["prometheus-alertmanager", "--config.file=" + os.path.join(run.work, "alertmanager.yml"),
                               "--storage.path=" + os.path.join(run.work, "am"),
                               "--web.listen-address=127.0.0.1:%d" % am_port, "--cluster.listen-address="])
    with open(os.path.join(run.work, "rules.yml"), "w") as f:
        f.write(RULES)
    with open(os.path.join(run.work, "prometheus.yml"), "w") as f:
        f.write("global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
                "rule_files: [%s]\n"
                "alerting: {alertmanagers: [{static_configs: [{targets: ['127.0.0.1:%d']}]}]}\n"
                "scrape_configs: [{job_name: dcgm, honor_labels: true, static_configs: [{targets: ['127.0.0.1:%d']}]}]\n"
                % (os.path.join(run.work, "rules.yml"), am_port, node_port))
    run.start("prometheus", ["prometheus", "--config.file=" + os.path.join(run.work, "prometheus.yml"),
                             "--storage.tsdb.path=" + os.path.join(run.work, "tsdb"),
                             "--web.listen-address=127.0.0.1:%d" % prom_port, "--rules.alert.resend-delay=2s"])
    wait_until(30, "alertmanager ready", lambda: http_json("http://127.0.0.1:%d/api/v2/status" % am_port))
    names = lambda: {a["labels"]["alertname"] for a in am_alerts(am_port)}
    wait_until(60, "both alerts in Alertmanager", lambda: {"GpuXidErrors", "GpuTemperatureHigh"} <= names())
    return textdir


def write_config(path, am_port, prom_port):
    with open(path, "w") as f:
        f.write("sources:\n"
                "  - {id: am, type: alertmanager, url: http://127.0.0.1:%d, interval: 1s}\n"
                "  - {id: prom, type: prometheus, url: http://127.0.0.1:%d, interval: 1s}\n"
                "incidents:\n"
                "  severity: {critical: P1, warning: P3}\n"
                "  responseSla: {P1: 15m, P2: 60m}\n"
                "  user: e2e-lead\n" % (am_port, prom_port))


def snapshot(run, args, config, data, name, polls=1):
    rc, _ = run.watchfloor(args.launcher, name, "snapshot", "--config", config, "--data-dir", data, "--view",
                           "incidents", "--size", "1366x768", "--polls", str(polls),
                           "--out", os.path.join(run.out, name + ".png"),
                           "--state", os.path.join(run.out, name + ".json"))
    state = None
    if rc == 0:
        with open(os.path.join(run.out, name + ".json")) as f:
            state = json.load(f)
    return rc, state


def by_title(state, fragment):
    for inc in state.get("incidents", []):
        if fragment in inc.get("title", ""):
            return inc
    return None


def seconds_between(a, b):
    return (parse_time(b) - parse_time(a)).total_seconds()


def run_checks(run, args):
    ports = []
    for start in (19491, 19492, 19493):
        ports.append(free_port(start, ports))
    node_port, prom_port, am_port = ports
    textdir = start_peers(run, ports)
    config = os.path.join(run.work, "console.yaml")
    data = os.path.join(run.work, "data")
    write_config(config, am_port, prom_port)
    firing = {a["labels"]["alertname"]: a["fingerprint"] for a in am_alerts(am_port)}

    # --- the alerts open incidents within one poll -------------------------------------------------------
    rc, state = snapshot(run, args, config, data, "opened")
    if not run.check("snapshot --view incidents exits 0 with state", rc == 0 and state is not None, "exit %d" % rc):
        raise Failed("no state")
    xid = by_title(state, "Xid")
    temp = next((i for i in state["incidents"] if firing["GpuTemperatureHigh"] in i.get("alerts", [])), None)
    run.check("the Xid alert opened an incident (fingerprint linked)",
              xid is not None and firing["GpuXidErrors"] in xid.get("alerts", []), json.dumps(state)[:400])
    if xid is None or temp is None:
        raise Failed("incidents missing")
    run.check("critical maps to P1, warning to P3", xid["severity"] == "P1" and temp["severity"] == "P3",
              "%s / %s" % (xid["severity"], temp["severity"]))
    run.check("P1 deadline is detection + 15m (configured)",
              abs(seconds_between(xid["detectedAt"], xid["ackDeadline"]) - P1_SLA_S) < 1, xid["ackDeadline"])
    run.check("P3 deadline is detection + 4h (default kept)",
              abs(seconds_between(temp["detectedAt"], temp["ackDeadline"]) - P3_SLA_S) < 1, temp["ackDeadline"])
    am_start = next(a["startsAt"] for a in am_alerts(am_port) if a["fingerprint"] == firing["GpuXidErrors"])
    run.check("detection is the alert's start in Alertmanager",
              abs(seconds_between(am_start, xid["detectedAt"])) < 1, "%s vs %s" % (am_start, xid["detectedAt"]))
    run.check("new incidents are in triage, unacknowledged, timer counting",
              xid["status"] == "triage" and xid["acknowledgedAt"] is None and xid.get("responseState") == "counting")
    run.check("the GPU Xid runbook's steps are on the checklist", xid["checklist"]["total"] >= 8, str(xid["checklist"]))
    run.check("the host comes from the alert's labels", HOST in xid.get("hosts", []), str(xid.get("hosts")))

    # --- a script acknowledges ---------------------------------------------------------------------------
    base = ["--config", config, "--data-dir", data]
    rc, text = run.watchfloor(args.launcher, "ack", "incident", "ack", xid["id"], *base)
    run.check("incident ack exits 0", rc == 0, text.strip()[:300])
    rc, text = run.watchfloor(args.launcher, "ack-twice", "incident", "ack", xid["id"], *base)
    run.check("a second ack is refused (exit 1) and says who acknowledged", rc == 1 and "e2e-lead" in text,
              text.strip()[:300])

    # --- the alert clears ----------------------------------------------------------------------------------
    write_textfile(textdir, xid=0, temp=91)
    wait_until(60, "the Xid alert gone from Alertmanager",
               lambda: firing["GpuXidErrors"] not in {a["fingerprint"] for a in am_alerts(am_port)})
    rc, state = snapshot(run, args, config, data, "cleared")
    xid2 = state and next((i for i in state["incidents"] if i["id"] == xid["id"]), None)
    if not run.check("snapshot after the alert cleared", rc == 0 and xid2 is not None):
        raise Failed("no state after clearing")
    detail = next((a for a in xid2.get("alertDetails", []) if a["fingerprint"] == firing["GpuXidErrors"]), None)
    run.check("the incident shows its alert resolved", detail is not None and detail["state"] == "resolved"
              and detail.get("resolvedAt"), json.dumps(xid2.get("alertDetails"))[:300])
    run.check("the acknowledgement survived restarts (acked by the script's user)",
              xid2["acknowledgedAt"] is not None and xid2.get("acknowledgedBy") == "e2e-lead"
              and xid2["status"] == "investigating", "%s %s" % (xid2.get("acknowledgedBy"), xid2["status"]))
    still = next((i for i in state["incidents"] if i["id"] == temp["id"]), None)
    run.check("the other alert's incident is untouched (still firing, unacknowledged)",
              still is not None and still["acknowledgedAt"] is None
              and any(a["state"] == "active" for a in still.get("alertDetails", [])))

    # --- resolve and export ----------------------------------------------------------------------------
    rc, text = run.watchfloor(args.launcher, "resolve-refused", "incident", "resolve", xid["id"], *base)
    run.check("resolve with required steps open is refused and names them", rc == 1 and "required" in text.lower(),
              text.strip()[:300])
    rc, text = run.watchfloor(args.launcher, "resolve", "incident", "resolve", xid["id"], "--override",
                              "e2e: GPU replaced, checklist done offline", *base)
    run.check("resolve with an override reason exits 0", rc == 0, text.strip()[:300])
    pm = os.path.join(run.out, "postmortem-%s.md" % xid["id"])
    rc, text = run.watchfloor(args.launcher, "export", "incident", "export", xid["id"], "--format", "md",
                              "--out", pm, *base)
    body = open(pm).read() if rc == 0 and os.path.exists(pm) else ""
    run.check("the postmortem exports as Markdown with timeline, alert and override",
              xid["id"] in body and "Timeline" in body and firing["GpuXidErrors"] in body
              and "GPU replaced" in body, text.strip()[:300])
    run.check("the timeline holds the wall snapshot of the host taken at detection",
              "wall snapshot" in body.lower(), text.strip()[:300])
    rc, text = run.watchfloor(args.launcher, "list", "incident", "list", "--all", "--json", *base)
    listed = json.loads(run.stdout) if rc == 0 else {}
    final = next((i for i in listed.get("incidents", []) if i["id"] == xid["id"]), None)
    run.check("incident list --json shows it resolved", final is not None and final["status"] == "resolved",
              text.strip()[:300])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--launcher", default=os.path.join(HERE, "..", "app", "target", "watchfloor", "bin", "watchfloor"))
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    for tool in ("prometheus", "prometheus-alertmanager", "prometheus-node-exporter"):
        if shutil.which(tool) is None:
            print("FAIL incidents: %s is not installed (apt-get install %s)" % (tool, tool))
            return 1
    work = tempfile.mkdtemp(prefix="watchfloor-incidents-")
    out = args.out or os.path.join(work, "out")
    os.makedirs(out, exist_ok=True)
    run = Run(out, work)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        run_checks(run, args)
    except (Failed, subprocess.TimeoutExpired, OSError, ValueError, KeyError) as e:
        run.check("stage ran to its end", False, "%s: %s" % (type(e).__name__, e))
    finally:
        run.cleanup()
    if run.failed == 0:
        shutil.rmtree(work, ignore_errors=True)
    print("incidents: %d passed, %d failed; artefacts in %s" % (run.passed, run.failed, out))
    return 0 if run.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
