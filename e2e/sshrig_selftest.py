#!/usr/bin/env python3
"""Self-test of the SSH rig (sshrig.py) with plain OpenSSH, no Watchfloor: proves the rig is what the issue-5
end-to-end checks and the benchmark assume. Runs in a few seconds.

    python3 e2e/sshrig_selftest.py [--keep DIR]

Checks: the operator key reaches the target through the bastion (ssh -J) and the fake nvidia-smi is first on PATH
for exec and interactive sessions; its CSV matches the fixture (units, nounits, noheader, the invalid-field error
and exit 2); a CA certificate valid for 5 minutes gets in with its key id in the target's log, an expired one and a
bare key do not; the hashed known_hosts works; a swapped target host key is refused by ssh; `sshrig.py up/down`
starts and stops the daemons. Prints PASS/FAIL per check; exits 1 if any failed.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import sshrig  # noqa: E402  (same directory)

RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append(ok)
    print("%s sshrig: %s%s" % ("PASS" if ok else "FAIL", name, "" if ok or not detail else " (" + detail + ")"),
          flush=True)
    return ok


def sh(argv, stdin=None, timeout=30):
    p = subprocess.run(argv, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def fixture_row(rig, name):
    scen = open(rig.info["gpu_scenario"]).read().split()
    fixtures = scen[scen.index("fixtures") + 1]
    with open(os.path.join(fixtures, name), newline="") as f:
        header, row = [r for r in csv.reader(f, skipinitialspace=True) if r][:2]
    return dict(zip(header, row))


def run_checks(rig):
    ssh = rig.ssh_argv
    rc, out, err = sh(ssh("command -v nvidia-smi; echo hi; exit 3"))
    check("operator key through the bastion: exec prints and keeps the exit code",
          rc == 3 and out.splitlines() == [os.path.join(rig.info["bin"], "nvidia-smi"), "hi"], "%d %r %r" % (rc, out, err))
    rc, out, err = sh(ssh(tty=True), stdin=b"command -v nvidia-smi; exit 4\n")
    check("interactive shell has the fake tools first on PATH",
          rc == 4 and os.path.join(rig.info["bin"], "nvidia-smi") in out, "%d %r %r" % (rc, out[-300:], err))

    row = fixture_row(rig, "query-gpu-H100-80GB-HBM3-driver590.48.01-load.csv")
    rc, out, err = sh(ssh("nvidia-smi --query-gpu=index,name,memory.used,pci.bus_id --format=csv"))
    lines = out.splitlines()
    check("nvidia-smi --format=csv: header with units, values from the fixture, one row per GPU",
          rc == 0 and lines[0] == "index, name, memory.used [MiB], pci.bus_id"
          and lines[1] == "0, %s, %s, %s" % (row["name"], row["memory.used [MiB]"], row["pci.bus_id"])
          and len(lines) == 3, out)
    rc, out, err = sh(ssh("nvidia-smi --query-gpu=memory.used,power.draw,ecc.errors.corrected.volatile.texture_memory"
                          " --format=csv,noheader,nounits"))
    first = out.splitlines()[0] if out else ""
    check("nvidia-smi noheader,nounits strips units but keeps [N/A]",
          rc == 0 and first == "%s, %s, [N/A]" % (row["memory.used [MiB]"].split()[0], row["power.draw [W]"].split()[0]),
          out)
    rc, out, err = sh(ssh("nvidia-smi --query-gpu=index,clocks_throttle_reasons.active --format=csv"))
    check("a field the fixture lacks: 'Field ... is not a valid field to query.' and exit 2",
          rc == 2 and out == 'Field "clocks_throttle_reasons.active" is not a valid field to query.\n\n', repr(out))
    rc, out, _ = sh(ssh("nvidia-smi --help-query-gpu"))
    check("--help-query-gpu lists the fixture's fields", rc == 0 and '\n"clocks_event_reasons.active"\n' in out
          and '"name" or "gpu_name"' in out)
    rc, out, _ = sh(ssh("journalctl -k -o short-iso --grep Xid; systemctl is-active vllm triton"))
    bus = row["pci.bus_id"]  # 00000000:00:09.0 -> PCI:0000:00:09
    pci = "PCI:%s:%s:%s" % (bus[4:8], bus[9:11].lower(), bus[12:14].lower())
    check("kernel log Xid 79 on GPU 0's PCI address; systemctl is-active",
          rc == 0 and "NVRM: Xid (%s): 79, pid=" % pci in out and out.endswith("active\nfailed\n"), out)

    # --- certificates: the target trusts only the CA for anything but the operator key ----------------------
    key = rig.user_key("jit")
    cert = rig.issue_cert(key, "+5m", key_id="%s/INC-1/selftest" % rig.user)
    rc, out, err = sh(ssh("echo in", identity=key, cert=cert))
    log = open(rig.info["target"]["log"]).read()
    check("a certificate valid 5 minutes gets in through the bastion (ssh -J)", rc == 0 and out == "in\n", err)
    check("the target's sshd log names the certificate's key id", "ID %s/INC-1/selftest" % rig.user in log, log[-400:])
    bare = rig.user_key("bare")
    rc, out, err = sh(ssh("echo in", identity=bare))
    check("the same kind of key without a certificate is refused", rc == 255 and "Permission denied" in err, err)
    old = rig.user_key("old")
    rig.expired_cert(old)
    rc, out, err = sh(ssh("echo in", identity=old, cert=old + "-cert.pub"))
    log = open(rig.info["target"]["log"]).read()
    check("an expired certificate (-V -2h:-1h) is refused", rc == 255 and "Permission denied" in err
          and "expired" in log, err)

    rc, out, err = sh(["ssh", "-F", rig.info["ssh_config"], "-o", "UserKnownHostsFile=" + rig.info["known_hosts_hashed"],
                       "target", "echo hashed"])
    hashed = open(rig.info["known_hosts_hashed"]).read()
    check("the hashed known_hosts (|1|...) verifies both hops", rc == 0 and out == "hashed\n"
          and hashed.startswith("|1|") and "127.0.0.1" not in hashed, err)

    fp = rig.swap_target_host_key()
    rc, out, err = sh(ssh("echo in"))
    check("after swap_target_host_key() ssh refuses the target (changed host key)",
          rc == 255 and "REMOTE HOST IDENTIFICATION HAS CHANGED" in err and fp in err, err[:300])


def cli_check(work):
    d = os.path.join(work, "cli")
    rc, out, err = sh([sys.executable, os.path.join(HERE, "sshrig.py"), "up", d])
    info = json.loads(out) if rc == 0 else {}
    up = rc == 0 and sshrig.port_open(info["bastion"]["port"]) and sshrig.port_open(info["target"]["port"])
    rc2, _, err2 = sh([sys.executable, os.path.join(HERE, "sshrig.py"), "down", d])
    down = rc2 == 0 and info and not any(os.path.exists("/proc/%d" % info[h]["pid"]) for h in ("bastion", "target"))
    check("sshrig.py up DIR prints the rig and leaves it running; down DIR stops it", up and down, err + err2)


def main():
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keep", help="rig directory to use and keep (default: a temp dir, removed when all passed)")
    args = ap.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="watchfloor-sshrig-")
    try:
        with sshrig.Rig(os.path.join(work, "rig")) as rig:
            run_checks(rig)
        cli_check(work)
    except (sshrig.RigError, subprocess.SubprocessError, OSError, ValueError) as e:
        check("self-test ran to its end", False, "%s: %s" % (type(e).__name__, e))
    failed = RESULTS.count(False)
    if failed == 0 and not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print("sshrig: %d passed, %d failed%s" % (RESULTS.count(True), failed, "" if failed == 0 and not args.keep
                                               else "; rig in " + work))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
