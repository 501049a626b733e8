#!/usr/bin/env python3
"""End-to-end test of issue 5: GPU hosts polled over SSH through a bastion, just-in-time shells with a CA
certificate, and the hash-chained audit log, against two real OpenSSH sshd (sshrig.py: a bastion and a target whose
nvidia-smi, journalctl and systemctl print captured fixtures). Standard library only.

    ssh_e2e.py [--launcher WATCHFLOOR] [--out DIR] [--strict]

Checks that need only OpenSSH always run. Checks that need the launcher's issue-5 commands (`shell`, `audit`,
SSH hosts in `snapshot`) are marked @needs(...): when the launcher lacks a command they print SKIP, or FAIL with
--strict (run-e2e.sh passes --strict: once merged, a missing command is a failure).

Interfaces assumed from the Java side (adjust here if they differ; each is used in one place):
  - `watchfloor audit keygen --out DIR` writes the recording key pair into DIR; the public key is the one file
    in DIR whose name ends in .pub or contains "public" (config access.recordingKey);
  - `watchfloor audit verify` and `watchfloor shell` take --config/--data-dir like the other commands;
  - the audit log is the H2 file DATA/audit.mv.db (table AUDIT_RECORD, key SEQ), empty user and password;
  - `watchfloor audit export --out FILE` writes JSON Lines, one record per line with an "event" field
    (host_key_refused, role_denied, ...).
"""
import argparse
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import sshrig  # noqa: E402  (same directory)

AUDIT_DB_USER, AUDIT_DB_PASSWORD = "", ""
KEY_ID = re.compile(r"Accepted publickey for (\S+) from \S+ port \d+ ssh2: ED25519-CERT \S+ ID (\S+)/INC-1/"
                    r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) \(serial (\d+)\)")


class Skip(Exception):
    pass


def needs(*commands):
    """Marks a check that needs these launcher commands (e.g. 'shell', 'audit verify')."""
    def mark(fn):
        fn.needs = commands
        return fn
    return mark


class E2E:
    def __init__(self, args, work, out):
        self.args, self.work, self.out = args, work, out
        self.passed = self.failed = self.skipped = 0
        self.rig = None
        self.data = os.path.join(work, "data")
        self._has = {}

    # --- reporting ------------------------------------------------------------------------------------------
    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print("%s ssh: %s%s" % ("PASS" if ok else "FAIL", name, "" if ok or not detail else " (" + detail + ")"),
              flush=True)
        return ok

    def has(self, command):
        """Whether the launcher knows `command` (words), asked with --help once."""
        if command not in self._has:
            if not os.access(self.args.launcher, os.X_OK):
                self._has[command] = False
            else:
                p = subprocess.run([self.args.launcher, *command.split(), "--help"], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=120)
                self._has[command] = p.returncode == 0
        return self._has[command]

    def run_check(self, fn):
        missing = [c for c in getattr(fn, "needs", ()) if not self.has(c)]
        if missing:
            if self.args.strict:
                self.check(fn.__doc__.strip().split("\n")[0], False, "launcher lacks: " + ", ".join(missing))
            else:
                self.skipped += 1
                print("SKIP ssh: %s (launcher lacks: %s)" % (fn.__doc__.strip().split("\n")[0], ", ".join(missing)),
                      flush=True)
            return
        try:
            fn(self)
        except Skip as e:
            self.skipped += 1
            print("SKIP ssh: %s (%s)" % (fn.__name__, e), flush=True)
        except (subprocess.SubprocessError, OSError, ValueError, KeyError, IndexError, sshrig.RigError) as e:
            self.check(fn.__doc__.strip().split("\n")[0], False, "%s: %s" % (type(e).__name__, e))

    # --- tools ------------------------------------------------------------------------------------------------
    def wf(self, name, *args, config=None, timeout=180):
        """Runs the launcher to the end; returns (exit code, stdout, stdout + stderr), all kept in OUT/NAME.log."""
        argv = [self.args.launcher, *args]
        if config is not False and args[0] == "audit":
            argv += ["--data-dir", self.data]  # the audit log needs no config: it is read as it is on disk
        elif config is not False:
            argv += ["--config", config or self.config, "--data-dir", self.data]
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                           timeout=timeout)
        out, err = p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
        with open(os.path.join(self.out, name + ".log"), "w") as f:
            f.write("$ %s\n%s\n--- stderr\n%s" % (" ".join(argv), out, err))
        return p.returncode, out, out + err

    def write_config(self, path, role="lead"):
        """The console's config for the rig: the bastion, the target, a host nobody listens on, local-ca JIT.
        role: what the OS user running the test is mapped to."""
        r = self.rig.info
        common = "user: %s, identity: %s, knownHosts: %s" % (r["user"], r["operator_key"], r["known_hosts"])
        with open(path, "w") as f:
            f.write("bastions:\n"
                    "  - {id: bastion, host: 127.0.0.1, port: %d, %s, interval: 10s, timeout: 5s}\n"
                    "hosts:\n"
                    "  - {id: target, host: 127.0.0.1, port: %d, bastion: bastion, %s,"
                    " services: [vllm, triton], disks: [/]}\n"
                    "  - {id: dark, host: 127.0.0.1, port: %d, bastion: bastion, %s}\n"
                    "access:\n"
                    "  signer: {type: local-ca, caKey: %s}\n"
                    "  ttl: 5m\n"
                    "  login: %s\n"
                    "  recordingKey: %s\n"
                    "  users: {%s: %s}\n"
                    "  defaultRole: wall\n"
                    "roles: {wall: [view], operator: [view, ack], lead: [view, ack, shell]}\n"
                    % (r["bastion"]["port"], common, r["target"]["port"], common, self.dark_port, common,
                       r["ca"], r["user"], self.recording_key, r["user"], role))
        return path

    def audit_db(self):
        found = [p for p in glob.glob(os.path.join(self.data, "**", "*.mv.db"), recursive=True)
                 if "audit" in os.path.basename(p).lower()]
        if len(found) != 1:
            raise ValueError("expected one audit H2 file under %s, found %s" % (self.data, found))
        return found[0][: -len(".mv.db")]

    def h2(self, sql):
        """Runs SQL in the audit database with H2's own Shell (the jar shipped in the launcher's lib dir)."""
        lib = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(self.args.launcher))), "lib")
        if not glob.glob(os.path.join(lib, "h2-*.jar")):
            raise ValueError("no h2-*.jar in %s" % lib)
        # all of lib/: opening the file loads the guard trigger's class, which lives in the console's jars
        return h2_shell(os.path.join(lib, "*"), self.audit_db(), sql)

    def audit_records(self, name):
        path = os.path.join(self.out, name + ".jsonl")
        rc, _, text = self.wf(name, "audit", "export", "--out", path)
        if rc != 0:
            raise ValueError("audit export exit %d: %s" % (rc, text.strip()[:300]))
        with open(path) as f:
            return [json.loads(line) for line in f if line.strip()]


def h2_shell(classpath, db, sql):
    java = os.environ.get("WATCHFLOOR_JAVA") or shutil.which("java") or "java"
    p = subprocess.run([java, "-cp", classpath, "org.h2.tools.Shell", "-url", "jdbc:h2:file:" + db, "-user", AUDIT_DB_USER,
                        "-password", AUDIT_DB_PASSWORD, "-sql", sql], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=60)
    text = p.stdout.decode(errors="replace")
    if p.returncode != 0 or "Exception" in text:
        raise ValueError("H2 shell failed on %r: %s" % (sql, text.strip()[:400]))
    return text


def h2_column(text):
    """The values of a one-column result as H2's Shell prints it: a header line, one line per row, '(N rows, ...)'."""
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    return [l for l in lines[1:] if not re.match(r"^\(\d+ rows?, \d+ ms\)$", l)]


def drop_guards(e2e):
    """The audit table refuses UPDATE and DELETE through a trigger: a tamperer with file access drops it first."""
    for n in h2_column(e2e.h2("SELECT TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS WHERE TRIGGER_SCHEMA='PUBLIC'")):
        e2e.h2("DROP TRIGGER IF EXISTS PUBLIC.%s" % n)


# --- checks: OpenSSH only ----------------------------------------------------------------------------------------
def expired_certificate_refused(e2e):
    """an expired CA certificate does not get into the target; a valid one does (plain OpenSSH)"""
    rig = e2e.rig
    key = rig.user_key("expired-e2e")
    rig.expired_cert(key)
    p = subprocess.run(rig.ssh_argv("true", identity=key, cert=key + "-cert.pub"), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=30)
    good = rig.user_key("valid-e2e")
    q = subprocess.run(rig.ssh_argv("true", identity=good, cert=rig.issue_cert(good, "+5m")), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=30)
    e2e.check("an expired CA certificate does not get into the target; a valid one does (plain OpenSSH)",
              p.returncode == 255 and q.returncode == 0, "%d %d %s" % (p.returncode, q.returncode, p.stderr[-200:]))


# --- checks: the launcher -----------------------------------------------------------------------------------------
@needs("snapshot")
def snapshot_shows_ssh_hosts(e2e):
    """snapshot --polls 1 shows the target's GPUs from the fixture with health flags, the host tile, and the dark host
    UNREACHABLE with its error"""
    state_path = os.path.join(e2e.out, "wall.json")
    rc, _, text = e2e.wf("snapshot", "snapshot", "--view", "wall", "--polls", "1", "--size", "1920x1080",
                         "--out", os.path.join(e2e.out, "wall.png"), "--state", state_path)
    if not e2e.check("snapshot with SSH hosts exits 0", rc == 0, text.strip()[-300:]):
        return
    state = json.load(open(state_path))
    tiles = [t for t in state["tiles"] if t["host"] == "target"]
    gpus = sorted((t for t in tiles if t["kind"] == "gpu"), key=lambda t: t["gpu"])
    flags = [{f.lower() for f in t["flags"]} for t in gpus]
    e2e.check("the target's two GPUs from the fixture (H100 80GB HBM3, fresh)",
              len(gpus) == 2 and all(t["model"] == "NVIDIA H100 80GB HBM3" and t["status"] != "stale" for t in gpus),
              json.dumps(tiles)[:500])
    e2e.check("GPU 0: Xid 79 from the kernel log and a pending row remap raise XID and ECC",
              len(flags) == 2 and {"xid", "ecc"} <= flags[0], str(flags))
    e2e.check("GPU 1: idle with 24 GiB held by processes raises HELD_IDLE", len(flags) == 2 and "held_idle" in flags[1],
              str(flags))
    # the Xid is on GPU 0's PCI address; GPU 1 sits in the next slot of the same bus and must not get it
    e2e.check("GPU 1, in the next PCI slot, does not get GPU 0's Xid", len(flags) == 2 and "xid" not in flags[1],
              str(flags))
    host = [t for t in tiles if t["kind"] != "gpu"]
    e2e.check("the host tile shows the failed service (triton)",
              any("service" in {f.lower() for f in t["flags"]} for t in host), json.dumps(host)[:400])
    dark = [t for t in state["tiles"] if t["host"] == "dark"]
    # the error may sit on the tile (reason, or the reading's notes) or on the host's source (lastError)
    errors = [t.get("reason") or t.get("notes") for t in dark] + \
        [s.get("lastError") for s in state.get("sources", []) if "dark" in s.get("id", "")]
    e2e.check("the unreachable host shows UNREACHABLE with the error",
              bool(dark) and all("unreachable" in {f.lower() for f in t["flags"]} for t in dark) and any(errors),
              json.dumps(dark)[:400])


@needs("shell")
def jit_exec(e2e):
    """shell target --reason INC-1 --exec prints the output and exits with the command's exit code"""
    rc, out, text = e2e.wf("shell-exec", "shell", "target", "--reason", "INC-1", "--exec", "echo hi; exit 3")
    e2e.check("shell --exec prints hi and exits 3", rc == 3 and out.splitlines()[-1:] == ["hi"],
              "exit %d: %s" % (rc, text.strip()[-300:]))
    log = open(e2e.rig.info["target"]["log"]).read()
    m = KEY_ID.findall(log)
    # KEY_ID matches only ED25519-CERT logins: a match also proves the operator's authorized key was not used
    e2e.check("the target's sshd log shows a certificate login with key id user/INC-1/<uuid>",
              bool(m) and m[-1][0] == e2e.rig.user and m[-1][1] == e2e.rig.user, log[-500:])


@needs("audit verify")
def audit_verifies(e2e):
    """audit verify exits 0 on the untouched log"""
    rc, _, text = e2e.wf("verify-clean", "audit", "verify")
    e2e.check("audit verify exits 0 on the untouched log", rc == 0, text.strip()[:300])


@needs("shell", "audit export")
def host_key_swap_refused(e2e):
    """a swapped target host key: shell refused naming host and fingerprint, host_key_refused audited"""
    fp = e2e.rig.swap_target_host_key()
    rc, _, text = e2e.wf("shell-swapped", "shell", "target", "--reason", "INC-1", "--exec", "true")
    e2e.check("shell to a target with a changed host key is refused, naming host and fingerprint",
              rc != 0 and "target" in text and fp in text, "exit %d: %s" % (rc, text.strip()[:400]))
    kinds = [r.get("event") for r in e2e.audit_records("audit-after-swap")]
    e2e.check("the refusal is audited (host_key_refused)", "host_key_refused" in kinds, str(kinds))


@needs("shell", "audit export")
def wall_role_denied(e2e):
    """the wall role is refused a shell and role_denied is recorded"""
    wall = e2e.write_config(os.path.join(e2e.work, "wall-role.yaml"), role="wall")
    rc, _, text = e2e.wf("shell-wall-role", "shell", "target", "--reason", "INC-1", "--exec", "true", config=wall)
    e2e.check("a user whose role is wall is refused a shell", rc != 0 and "wall" in text.lower(),
              "exit %d: %s" % (rc, text.strip()[:300]))
    kinds = [r.get("event") for r in e2e.audit_records("audit-after-wall")]
    e2e.check("the denial is audited (role_denied)", "role_denied" in kinds, str(kinds))


@needs("audit verify")
def tampering_detected(e2e):
    """a changed audit record, then a deleted one: audit verify exits 1 naming the record"""
    drop_guards(e2e)
    seqs = h2_column(e2e.h2("SELECT SEQ FROM PUBLIC.AUDIT_RECORD ORDER BY SEQ"))
    if len(seqs) < 3:
        raise ValueError("only %d audit records to tamper with" % len(seqs))
    shutil.copytree(e2e.data, os.path.join(e2e.work, "data-before-tamper"))
    # change what a record says, not its stored hashes: verify must recompute and notice
    victim = seqs[1]
    e2e.h2("UPDATE PUBLIC.AUDIT_RECORD SET REASON = COALESCE(REASON, '') || ' (edited)' WHERE SEQ = %s" % victim)
    rc, _, text = e2e.wf("verify-changed", "audit", "verify")
    e2e.check("a changed record: audit verify exits 1 naming it", rc == 1 and ("record %s " % victim) in text,
              "record %s, exit %d: %s" % (victim, rc, text.strip()[:300]))
    shutil.rmtree(e2e.data)
    shutil.copytree(os.path.join(e2e.work, "data-before-tamper"), e2e.data)
    drop_guards(e2e)
    e2e.h2("DELETE FROM PUBLIC.AUDIT_RECORD WHERE SEQ = %s" % victim)
    rc, _, text = e2e.wf("verify-deleted", "audit", "verify")
    e2e.check("a deleted record: audit verify exits 1 naming where the chain breaks",
              rc == 1 and ("record %s " % victim) in text, "record %s, exit %d: %s" % (victim, rc, text.strip()[:300]))


CHECKS = [expired_certificate_refused, snapshot_shows_ssh_hosts, jit_exec, audit_verifies, wall_role_denied,
          host_key_swap_refused, tampering_detected]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--launcher", default=os.path.join(HERE, "..", "app", "target", "watchfloor", "bin", "watchfloor"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--strict", action="store_true", help="a launcher without the issue-5 commands fails")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="watchfloor-ssh-")
    out = os.path.abspath(args.out or os.path.join(work, "out"))
    os.makedirs(out, exist_ok=True)
    e2e = E2E(args, work, out)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        with sshrig.Rig(os.path.join(work, "rig")) as rig:
            e2e.rig = rig
            e2e.dark_port = sshrig.free_ports(1, start=rig.info["target"]["port"] + 1)[0]  # nobody listens there
            e2e.recording_key = os.path.join(work, "recording.pub")
            if e2e.has("audit keygen"):
                keys = os.path.join(work, "recording")
                rc, _, text = e2e.wf("audit-keygen", "audit", "keygen", "--out", keys, config=False)
                pubs = [p for p in glob.glob(os.path.join(keys, "*")) if p.endswith(".pub") or "public" in p]
                e2e.check("audit keygen writes the recording key pair", rc == 0 and len(pubs) == 1, text.strip()[:300])
                if pubs:
                    e2e.recording_key = pubs[0]
            e2e.config = e2e.write_config(os.path.join(work, "console.yaml"))
            for fn in CHECKS:
                e2e.run_check(fn)
    except (sshrig.RigError, subprocess.SubprocessError, OSError) as e:
        e2e.check("stage ran to its end", False, "%s: %s" % (type(e).__name__, e))
    if e2e.failed == 0:
        shutil.rmtree(work, ignore_errors=True)
    print("ssh: %d passed, %d failed, %d skipped; artefacts in %s" % (e2e.passed, e2e.failed, e2e.skipped, out))
    return 0 if e2e.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
