#!/usr/bin/env python3
"""Issue 5 benchmark, OpenSSH side: poll N GPU hosts (default 100) behind one bastion, sequentially, with plain
OpenSSH, and print JSON with the per-cycle seconds, side by side with Watchfloor's poller in the same run.

    python3 e2e/ssh_bench.py [--hosts 100] [--cycles 3] [--out FILE.json]
                             [--watchfloor 'java -cp CP io.watchfloor.bench.ssh.SshFleetBench --rig {rig}']

The hosts: one target sshd (sshrig.py --bench-hosts N) listening on N ports of 127.0.0.1, each its own known_hosts
entry, all reached through one bastion sshd. On every host the poll command is the fake nvidia-smi (fixture output,
2 GPUs): `nvidia-smi --query-gpu=<FIELDS> --format=csv,noheader,nounits`.

Measured, each as the median of --cycles full cycles over all hosts, one host after the other:
  plain  `ssh -J bastion -p PORT host CMD` per host: two fresh SSH connections (bastion, then target through a
         direct-tcpip channel) and two ssh processes per poll;
  mux    the same with ControlMaster/ControlPersist on both the bastion and every host: the first (cold) cycle
         opens the masters and is reported on its own ("cold_s"); the measured cycles run over warm masters,
         i.e. one session channel per poll and no handshakes: OpenSSH's best case.
  watchfloor (optional) the command given with --watchfloor, {rig} replaced by the rig directory (its rig.json lists
         bastion, bench_hosts, operator key and known_hosts); it must print one JSON object on stdout, with
         "cycle_s" (median seconds of a full cycle; or "cycles_s": [...]); it runs against the same daemons right
         after the OpenSSH loops, so the ratios come from one run on one machine.
Every poll's exit code and output are checked (2 CSV lines); failures are counted in the JSON, never hidden.
"""
import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import sshrig  # noqa: E402  (same directory)

FIELDS = ("index,uuid,name,pci.bus_id,temperature.gpu,utilization.gpu,utilization.memory,memory.used,memory.total,"
          "power.draw,clocks.current.sm,pstate,ecc.errors.corrected.volatile.total,"
          "ecc.errors.uncorrected.volatile.total,remapped_rows.pending,remapped_rows.failure,"
          "clocks_event_reasons.active")
COMMAND = "nvidia-smi --query-gpu=%s --format=csv,noheader,nounits" % FIELDS


def bench_config(rig, path, control_dir=None):
    """ssh_config with Host bastion and Host gpu-* (ProxyJump bastion); with control_dir, multiplexed."""
    info = rig.info
    mux = ("  ControlMaster auto\n  ControlPath %s/%%C\n  ControlPersist 120\n" % control_dir) if control_dir else ""
    common = ("  HostName 127.0.0.1\n  User %s\n  IdentityFile %s\n  IdentitiesOnly yes\n  UserKnownHostsFile %s\n"
              "  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n  BatchMode yes\n  LogLevel ERROR\n"
              "  ConnectTimeout 10\n%s" % (info["user"], info["operator_key"], info["known_hosts"], mux))
    with open(path, "w") as f:
        f.write("Host bastion\n  Port %d\n%s\n" % (info["bastion"]["port"], common))
        f.write("Host gpu-*\n  ProxyJump bastion\n%s" % common)
    return path


def poll(config, host):
    p = subprocess.run(["ssh", "-F", config, "-p", str(host["port"]), host["id"], COMMAND], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=30)
    ok = p.returncode == 0 and len(p.stdout.decode().splitlines()) == 2
    return ok, "" if ok else "%s: exit %d %s" % (host["id"], p.returncode, p.stderr.decode(errors="replace").strip())


def cycle(config, hosts, errors):
    t0 = time.monotonic()
    for h in hosts:
        ok, err = poll(config, h)
        if not ok:
            errors.append(err)
    return time.monotonic() - t0


def summary(cycles, errors):
    return {"cycles_s": [round(c, 3) for c in cycles], "median_s": round(statistics.median(cycles), 3),
            "failed_polls": len(errors), "first_errors": errors[:3]}


def stop_masters(config, hosts):
    for name, port in [(h["id"], h["port"]) for h in hosts] + [("bastion", None)]:
        argv = ["ssh", "-F", config, "-O", "exit"] + (["-p", str(port)] if port else []) + [name]
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                       timeout=10)


def watchfloor_side(template, rig_dir):
    argv = [a.replace("{rig}", rig_dir) for a in shlex.split(template)]
    t0 = time.monotonic()
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=900)
    wall = time.monotonic() - t0
    out = {"command": argv, "exit": p.returncode, "wall_s": round(wall, 3)}
    try:
        result = json.loads(p.stdout.decode())
        out["result"] = result
        if "cycle_s" in result:
            out["median_s"] = result["cycle_s"]
        elif "cycles_s" in result:
            out["median_s"] = statistics.median(result["cycles_s"])
    except ValueError:
        out["stdout_tail"] = p.stdout.decode(errors="replace")[-800:]
    out["stderr_tail"] = p.stderr.decode(errors="replace")[-800:]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hosts", type=int, default=100)
    ap.add_argument("--cycles", type=int, default=3)
    ap.add_argument("--out", help="also write the JSON here")
    ap.add_argument("--watchfloor", default=os.environ.get("WATCHFLOOR_SSH_BENCH"),
                    help="command printing Watchfloor's cycle JSON; {rig} = rig directory (env WATCHFLOOR_SSH_BENCH)")
    ap.add_argument("--skip-openssh", action="store_true", help="only the Watchfloor side (for its own tuning)")
    ap.add_argument("--as-me", action="store_true",
                    help="the hosts log in as the user running the bench (default as root: a plain account wfbench)")
    ap.add_argument("--python-tools", action="store_true",
                    help="the hosts' fake tools run Python on every call (default: cached answers; see sshrig.py)")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="wfb-")  # short: ControlPath sockets must fit in 108 bytes
    # as root, the hosts log in as a plain /bin/sh account (see Rig._login_account), as on a real GPU host
    login = None if args.as_me or os.geteuid() != 0 else "wfbench"
    rig = sshrig.Rig(os.path.join(work, "rig"), bench_hosts=args.hosts, cached_tools=not args.python_tools,
                     login=login)
    result = {"hosts": args.hosts, "command": COMMAND, "cpus": os.cpu_count(), "openssh": None,
              "tools": "python" if args.python_tools else "cached", "login": login or "self",
              "loadavg_before": os.getloadavg()[0]}  # other work on the machine skews every number below
    mux_config = None
    hosts = []
    try:
        rig.up()
        hosts = rig.info["bench_hosts"]
        result["openssh"] = subprocess.run(["ssh", "-V"], stderr=subprocess.PIPE).stderr.decode().strip()
        if not args.skip_openssh:
            plain = bench_config(rig, os.path.join(work, "plain.ssh_config"))
            errors = []
            result["plain"] = summary([cycle(plain, hosts, errors) for _ in range(args.cycles)], errors)
            print("plain: %s" % json.dumps(result["plain"]), file=sys.stderr, flush=True)

            os.makedirs(os.path.join(work, "cm"))
            mux_config = bench_config(rig, os.path.join(work, "mux.ssh_config"), os.path.join(work, "cm"))
            errors = []
            cold = cycle(mux_config, hosts, errors)
            warm = [cycle(mux_config, hosts, errors) for _ in range(args.cycles)]
            result["mux"] = dict(summary(warm, errors), cold_s=round(cold, 3))
            print("mux: %s" % json.dumps(result["mux"]), file=sys.stderr, flush=True)
            stop_masters(mux_config, hosts)
            mux_config = None
        if args.watchfloor:
            wf = watchfloor_side(args.watchfloor, rig.dir)
            result["watchfloor"] = wf
            if wf.get("median_s") and not args.skip_openssh:
                result["ratios"] = {
                    "plain_over_watchfloor": round(result["plain"]["median_s"] / wf["median_s"], 2),
                    "mux_warm_over_watchfloor": round(result["mux"]["median_s"] / wf["median_s"], 2),
                    "mux_cold_over_watchfloor": round(result["mux"]["cold_s"] / wf["median_s"], 2)}
    finally:
        if mux_config:
            stop_masters(mux_config, hosts)
        rig.down()
    result["loadavg_after"] = os.getloadavg()[0]
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    failed = result.get("plain", {}).get("failed_polls", 0) + result.get("mux", {}).get("failed_polls", 0)
    wf_failed = "watchfloor" in result and result["watchfloor"]["exit"] != 0
    if failed == 0 and not wf_failed:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print("kept %s for inspection" % work, file=sys.stderr)
    return 0 if failed == 0 and not wf_failed else 1


if __name__ == "__main__":
    sys.exit(main())
