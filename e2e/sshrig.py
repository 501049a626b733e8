#!/usr/bin/env python3
"""SSH rig for issue 5: two throwaway OpenSSH sshd on free 127.0.0.1 ports in one directory, a bastion and a
target GPU host, plus everything a client needs to reach the target through the bastion.

    python3 e2e/sshrig.py up DIR [--bench-hosts N]   # starts both, writes DIR/rig.json, prints it, returns
    python3 e2e/sshrig.py down DIR                   # stops what `up DIR` started

As a module: `with Rig(DIR) as rig: ...` (stops the daemons on exit), or Rig(DIR).up() / .down().

DIR after `up` (all paths absolute in rig.json):
    ca, ca.pub                 user CA; the target trusts it (TrustedUserCAKeys) and nothing else for JIT users
    operator/id_ed25519        the operator key: bastion login and target polling (the target's only authorized key)
    known_hosts                `[127.0.0.1]:PORT key` for the bastion and the target (and every bench port)
    known_hosts.hashed         the same, hashed with `ssh-keygen -H`
    ssh_config                 Host bastion / Host target (ProxyJump bastion) for plain `ssh -F DIR/ssh_config`
    bin/                       fake nvidia-smi, journalctl, dmesg, systemctl (fake_tools.py), first on the target's PATH
    gpu-scenario               what the fakes print (see fake_tools.py); edit it to change the scenario
    bastion/, target/          sshd_config, host keys, sshd.log (LogLevel VERBOSE)

The target runs every session through ForceCommand bin/rig-session, which puts bin/ first on PATH and runs the
client's command (exec) or an interactive bash that does not read /etc/profile (Debian's resets PATH for root).
sshd's SetEnv alone is not enough for that reason: it reaches exec sessions but a login shell overwrites it.

--bench-hosts N makes the target listen on N more ports: N "hosts" for the benchmark, listed in rig.json as
bench_hosts with their own known_hosts lines; served by ceil(N/16) more sshd with the target's config and host key
(one sshd listens on at most 16 addresses).
Standard library only; waits on ports by polling, never on blind sleeps.
"""
import ctypes
import getpass
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("WATCHFLOOR_SHARED", os.path.join(HERE, "..", "..", "shared"))
SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
MAX_LISTEN = 16  # OpenSSH's MAX_LISTEN_SOCKS: "Too many listen sockets" beyond that
DEFAULT_SCENARIO = """# what the fake tools on the target print (see e2e/fake_tools.py)
fixtures {fixtures}
# GPU 0 under load with a row remap pending (ECC flag) and an Xid 79 in the kernel log (XID flag);
# GPU 1 idle (0 %) but with processes holding 24 GiB (HELD_IDLE flag)
gpu query-gpu-H100-80GB-HBM3-driver590.48.01-load.csv
gpu query-gpu-H100-80GB-HBM3-driver590.48.01-idle.csv
set 0 remapped_rows.pending Yes
set 1 memory.used 24576 MiB
set 1 memory.free 56504 MiB
apps query-compute-apps-L40S-driver595.80-load.csv 1
qx q-x-A10G-driver515.105.01.xml
xid 79 0 2231 python3
# the host tile: one configured model service down (SERVICE flag)
service vllm active
service triton failed
"""
SESSION = """#!/bin/sh
# ForceCommand of the rig's target: the fake GPU tools first on PATH for exec and interactive sessions alike.
PATH={bin}:/usr/bin:/bin:/usr/sbin:/sbin
export PATH
if [ -n "$SSH_ORIGINAL_COMMAND" ]; then
  exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"
fi
exec /bin/bash --noprofile --rcfile {bin}/rig-bashrc -i
"""
# Benchmark mode (--cached-tools): the N simulated hosts share this machine's cores with the client being measured,
# and a Python fake costs ~40 ms of CPU per call where a real host's nvidia-smi spends its own CPU. So each tool
# answers from a cache of the fake's output for the same arguments: a POSIX sh, cksum and cat per call.
CACHED_TOOL = """#!/bin/sh
key=$(printf '%s\\n' "$0" "$@" | cksum | cut -d' ' -f1)
f={cache}/$key
if [ ! -f "$f" ]; then
  {real} "$@" >"$f.$$" 2>&1; echo $? >"$f.rc"; mv "$f.$$" "$f"
fi
cat "$f"
exit "$(cat "$f.rc")"
"""

BASHRC = """PATH={bin}:/usr/bin:/bin:/usr/sbin:/sbin
export PATH
PS1='rig-target$ '
"""


class RigError(Exception):
    pass


def die_with_parent():
    """In a child started by a Rig used as a module: SIGTERM when the test process dies (PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def free_ports(n, start=20220, taken=()):
    """n ports from start upwards that nothing listens on (bind test) and that are not in taken."""
    out = []
    p = start
    while len(out) < n:
        if p not in taken:
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", p))
                    out.append(p)
                except OSError:
                    pass
        p += 1
        if p > 65000:
            raise RigError("no free ports")
    return out


def port_open(port):
    with socket.socket() as s:
        s.settimeout(0.5)
        try:
            s.connect(("127.0.0.1", port))
            return s.recv(4).startswith(b"SSH-")  # sshd greets first: the daemon, not a stale listener
        except OSError:
            return False


def wait_ports(ports, proc, limit=20.0, log=None):
    end = time.monotonic() + limit
    pending = list(ports)
    while pending:
        pending = [p for p in pending if not port_open(p)]
        if not pending:
            return
        if proc.poll() is not None:
            raise RigError("sshd exited with %s before listening; see %s" % (proc.returncode, log))
        if time.monotonic() > end:
            raise RigError("sshd not listening on %s after %ss; see %s" % (pending[:5], limit, log))
        time.sleep(0.05)


def run(*argv, **kw):
    return subprocess.run(argv, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def keygen(path, comment):
    if not os.path.exists(path):
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path)
    return path


def read(path):
    with open(path) as f:
        return f.read()


def write(path, text, mode=0o644):
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


class Rig:
    def __init__(self, directory, bench_hosts=0, own_processes=True, cached_tools=False, login=None):
        self.dir = os.path.abspath(directory)
        self.bench_hosts = bench_hosts
        self.cached_tools = cached_tools
        self.login = login
        self.own = own_processes  # module use: daemons die with this process; CLI `up` leaves them running
        self.user = login or getpass.getuser()
        self.procs = {}
        self.info = None

    # --- paths -------------------------------------------------------------------------------------------
    def p(self, *parts):
        return os.path.join(self.dir, *parts)

    # --- lifecycle ---------------------------------------------------------------------------------------
    def __enter__(self):
        return self.up()

    def __exit__(self, *exc):
        self.down()

    def up(self):
        for d in ("bastion", "target", "operator", "bin", "users"):
            os.makedirs(self.p(d), exist_ok=True)
        if self.login:
            self._login_account()
        os.makedirs("/run/sshd", exist_ok=True)  # sshd's privilege-separation directory
        keygen(self.p("ca"), "watchfloor-e2e-user-ca")
        keygen(self.p("operator", "id_ed25519"), "watchfloor-e2e-operator")
        keygen(self.p("bastion", "ssh_host_ed25519_key"), "bastion")
        keygen(self.p("target", "ssh_host_ed25519_key"), "target")
        keygen(self.p("target", "ssh_host_ed25519_key.swapped"), "target-swapped")
        write(self.p("operator", "authorized_keys"), read(self.p("operator", "id_ed25519.pub")))
        self._tools()
        ports = free_ports(2 + self.bench_hosts)
        self.bastion_port, self.target_port, self.bench_ports = ports[0], ports[1], ports[2:]
        self._start("bastion", self._bastion_conf(), [self.bastion_port])
        self._start_target("ssh_host_ed25519_key")
        self._known_hosts()
        self._ssh_config()
        self.info = self.describe()
        write(self.p("rig.json"), json.dumps(self.info, indent=2) + "\n")
        return self

    def down(self):
        self._stop_target()
        self._stop("bastion")

    def _login_account(self):
        """Benchmark mode: the hosts log in as a plain account with /bin/sh, as a GPU host's ops account would, not as
        the user running the rig: that user's login shell may source a heavy ~/.bashrc in every SSH session (bash does
        for sshd even with -c; root's here runs pyenv init, ~120 ms of CPU per session on the cores being measured)."""
        if os.geteuid() != 0:
            raise RuntimeError("a separate login account needs root; run without --login")
        if subprocess.run(["id", "-u", self.login], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
            subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell",
                            "/bin/sh", self.login], check=True)
        # useradd leaves the password "!" (locked), and sshd without PAM refuses locked accounts even for keys
        subprocess.run(["usermod", "-p", "*", self.login], check=True)
        # the account reads the rig's tools and writes the tools' answer cache
        d = self.dir
        while d.startswith(("/tmp/", "/var/tmp/")):  # mkdtemp makes 0700 directories
            os.chmod(d, os.stat(d).st_mode | 0o755)
            d = os.path.dirname(d)

    def _tools(self):
        real = self.p("fake") if self.cached_tools else self.p("bin")  # fake_tools finds the rig from its parent
        os.makedirs(real, exist_ok=True)
        for tool in ("nvidia-smi", "journalctl", "dmesg", "systemctl"):
            shutil.copyfile(os.path.join(HERE, "fake_tools.py"), os.path.join(real, tool))
            os.chmod(os.path.join(real, tool), 0o755)
            if self.cached_tools:
                os.makedirs(self.p("bin", ".cache"), exist_ok=True)
                os.chmod(self.p("bin", ".cache"), 0o1777)
                write(self.p("bin", tool), CACHED_TOOL.format(real=os.path.join(real, tool),
                                                              cache=self.p("bin", ".cache")), 0o755)
        write(self.p("bin", "rig-session"), SESSION.format(bin=self.p("bin")), 0o755)
        write(self.p("bin", "rig-bashrc"), BASHRC.format(bin=self.p("bin")))
        if not os.path.exists(self.p("gpu-scenario")):
            fixtures = os.path.abspath(os.path.join(SHARED, "fixtures", "nvidia-smi"))
            if not os.path.isdir(fixtures):
                raise RigError("nvidia-smi fixtures not found at %s (set WATCHFLOOR_SHARED)" % fixtures)
            write(self.p("gpu-scenario"), DEFAULT_SCENARIO.format(fixtures=fixtures))

    def _common(self, name, ports, host_key):
        return "".join("ListenAddress 127.0.0.1:%d\n" % p for p in ports) + (
            "HostKey {key}\n"
            "PidFile none\n"
            "UsePAM no\n"
            "StrictModes no\n"
            "PermitRootLogin prohibit-password\n"
            "PasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\n"
            "LogLevel VERBOSE\n"
            "MaxStartups 200:30:300\n"
            "MaxSessions 200\n"
            "MaxAuthTries 20\n"
            "LoginGraceTime 30\n"
            "UseDNS no\n"
            "PrintMotd no\n"
            "PrintLastLog no\n"
            "ClientAliveInterval 15\n").format(key=self.p(name, host_key))

    def _bastion_conf(self):
        return self._common("bastion", [self.bastion_port], "ssh_host_ed25519_key") + (
            "AuthorizedKeysFile %s\n"
            "AllowTcpForwarding yes\n"
            "PermitTTY no\n" % self.p("operator", "authorized_keys"))

    def _target_conf(self, host_key, ports):
        return self._common("target", ports, host_key) + (
            "AuthorizedKeysFile %s\n"
            "TrustedUserCAKeys %s\n"
            "AllowTcpForwarding no\n"
            "SetEnv PATH=%s:/usr/bin:/bin\n"
            "ForceCommand %s\n" % (self.p("operator", "authorized_keys"), self.p("ca.pub"), self.p("bin"),
                                   self.p("bin", "rig-session")))

    def _start(self, name, conf, ports, unit=None):
        """Starts one sshd; unit names it when a directory holds several (the benchmark's target groups)."""
        unit = unit or name
        base = self.p(name, "sshd" if unit == name else "sshd." + unit)
        write(self.p(name, "sshd_config" if unit == name else "sshd_config." + unit), conf)
        conf_path = self.p(name, "sshd_config" if unit == name else "sshd_config." + unit)
        run(SSHD, "-t", "-f", conf_path)  # config errors surface here, with sshd's own message
        log = open(base + ".log", "ab")
        proc = subprocess.Popen([SSHD, "-D", "-e", "-f", conf_path], stdin=subprocess.DEVNULL,
                                stdout=log, stderr=log, start_new_session=True,
                                preexec_fn=die_with_parent if self.own else None)
        log.close()
        self.procs[unit] = proc
        write(base + ".pid", "%d\n" % proc.pid)
        wait_ports(ports, proc, log=base + ".log")

    def _start_target(self, host_key):
        """The target on its own port, and the benchmark's ports in groups: one sshd listens on at most 16
        (OpenSSH's MAX_LISTEN_SOCKS), so 100 bench hosts are 7 more sshd sharing the target's config and key."""
        self._start("target", self._target_conf(host_key, [self.target_port]), [self.target_port])
        for g in range(0, len(self.bench_ports), MAX_LISTEN):
            ports = self.bench_ports[g:g + MAX_LISTEN]
            self._start("target", self._target_conf(host_key, ports), ports, unit="bench%d" % (g // MAX_LISTEN))

    def _target_units(self):
        """The target's sshd units, from this process's children or, after a CLI `up`, from their pid files."""
        units = {u for u in self.procs if u == "target" or u.startswith("bench")}
        for pid in glob.glob(self.p("target", "sshd*.pid")):
            base = os.path.basename(pid)
            units.add("target" if base == "sshd.pid" else base[len("sshd."):-len(".pid")])
        return sorted(units)

    def _stop(self, name, unit=None):
        unit = unit or name
        pidfile = self.p(name, "sshd.pid" if unit == name else "sshd.%s.pid" % unit)
        proc = self.procs.pop(unit, None)
        pid = proc.pid if proc else None
        if pid is None and os.path.exists(pidfile):
            pid = int(read(pidfile))
        if pid is None:
            return
        try:
            os.kill(pid, signal.SIGTERM)  # the listener; its per-connection children exit with their clients
        except ProcessLookupError:
            pass
        if proc:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        else:
            end = time.monotonic() + 5
            while time.monotonic() < end and os.path.exists("/proc/%d" % pid):
                time.sleep(0.05)
        if os.path.exists(pidfile):
            os.remove(pidfile)

    def _stop_target(self):
        for unit in self._target_units():
            self._stop("target", unit)

    def _known_hosts(self):
        bastion_key = " ".join(read(self.p("bastion", "ssh_host_ed25519_key.pub")).split()[:2])
        target_key = " ".join(read(self.p("target", "ssh_host_ed25519_key.pub")).split()[:2])
        lines = ["[127.0.0.1]:%d %s" % (self.bastion_port, bastion_key)]
        lines += ["[127.0.0.1]:%d %s" % (p, target_key) for p in [self.target_port] + self.bench_ports]
        write(self.p("known_hosts"), "\n".join(lines) + "\n")
        shutil.copyfile(self.p("known_hosts"), self.p("known_hosts.hashed"))
        run("ssh-keygen", "-H", "-f", self.p("known_hosts.hashed"))
        old = self.p("known_hosts.hashed.old")
        if os.path.exists(old):
            os.remove(old)

    def _ssh_config(self):
        common = ("  HostName 127.0.0.1\n  User %s\n  IdentityFile %s\n  IdentitiesOnly yes\n"
                  "  UserKnownHostsFile %s\n  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n"
                  "  BatchMode yes\n  LogLevel ERROR\n  ConnectTimeout 10\n"
                  % (self.user, self.p("operator", "id_ed25519"), self.p("known_hosts")))
        write(self.p("ssh_config"), "Host bastion\n  Port %d\n%s\nHost target\n  Port %d\n  ProxyJump bastion\n%s"
              % (self.bastion_port, common, self.target_port, common))

    def describe(self):
        return {
            "dir": self.dir,
            "user": self.user,
            "ca": self.p("ca"), "ca_pub": self.p("ca.pub"),
            "operator_key": self.p("operator", "id_ed25519"),
            "known_hosts": self.p("known_hosts"), "known_hosts_hashed": self.p("known_hosts.hashed"),
            "ssh_config": self.p("ssh_config"),
            "bin": self.p("bin"), "gpu_scenario": self.p("gpu-scenario"),
            "bastion": {"host": "127.0.0.1", "port": self.bastion_port, "user": self.user,
                        "log": self.p("bastion", "sshd.log"), "pid": self.procs["bastion"].pid},
            "target": {"host": "127.0.0.1", "port": self.target_port, "user": self.user,
                       "log": self.p("target", "sshd.log"), "pid": self.procs["target"].pid,
                       "host_key_fingerprint": fingerprint(self.p("target", "ssh_host_ed25519_key.pub")),
                       "swapped_host_key_fingerprint":
                           fingerprint(self.p("target", "ssh_host_ed25519_key.swapped.pub"))},
            "bench_hosts": [{"id": "gpu-%03d" % (i + 1), "host": "127.0.0.1", "port": p}
                            for i, p in enumerate(self.bench_ports)],
        }

    # --- scenarios ---------------------------------------------------------------------------------------
    def swap_target_host_key(self):
        """Restarts the target with its second host key on the same ports: clients holding the first in
        known_hosts must see a changed key. Returns the new key's SHA256 fingerprint."""
        self._stop_target()
        self._start_target("ssh_host_ed25519_key.swapped")
        self.info["target"]["pid"] = self.procs["target"].pid
        write(self.p("rig.json"), json.dumps(self.info, indent=2) + "\n")
        return self.info["target"]["swapped_host_key_fingerprint"]

    def user_key(self, name):
        """A fresh ed25519 key pair in DIR/users (for certificate tests; JIT keys live in the console's memory)."""
        return keygen(self.p("users", name), "e2e-" + name)

    def issue_cert(self, key, validity="+5m", key_id=None, principal=None):
        """Signs KEY.pub with the rig's CA: KEY-cert.pub, principal = the OS user. validity as ssh-keygen -V,
        e.g. '+5m' or '-2h:-1h' (expired)."""
        run("ssh-keygen", "-q", "-s", self.p("ca"), "-I", key_id or "e2e/" + os.path.basename(key),
            "-n", principal or self.user, "-V", validity, key + ".pub")
        return key + "-cert.pub"

    def expired_cert(self, key):
        return self.issue_cert(key, "-2h:-1h", key_id="expired")

    def ssh_argv(self, *command, identity=None, cert=None, tty=False):
        """argv for plain OpenSSH to the target through the bastion (ssh -J). With identity (and cert) the target
        login uses only that key; the bastion hop always uses the operator key from ssh_config."""
        # with an identity, a per-key config: ssh_config's IdentityFile (the operator key, authorized on the
        # target) must not be offered as well
        config = self._cert_config(identity, cert) if identity else self.p("ssh_config")
        argv = ["ssh", "-F", config]
        if tty:
            argv.append("-tt")
        return argv + ["target"] + list(command)

    def _cert_config(self, identity, cert):
        path = self.p("users", os.path.basename(identity) + ".ssh_config")
        text = read(self.p("ssh_config"))
        head, _, _ = text.partition("Host target\n")
        target = ("Host target\n  Port %d\n  ProxyJump bastion\n  HostName 127.0.0.1\n  User %s\n"
                  "  IdentityFile %s\n%s  IdentitiesOnly yes\n  UserKnownHostsFile %s\n"
                  "  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n  BatchMode yes\n  LogLevel ERROR\n"
                  % (self.target_port, self.user, identity, "  CertificateFile %s\n" % cert if cert else "",
                     self.p("known_hosts")))
        write(path, head + target)
        return path


def fingerprint(pub):
    out = run("ssh-keygen", "-l", "-E", "sha256", "-f", pub).stdout.decode().split()
    return out[1]  # "256 SHA256:... comment (ED25519)"


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description="SSH rig: a bastion and a target sshd on 127.0.0.1")
    ap.add_argument("action", choices=("up", "down"))
    ap.add_argument("dir")
    ap.add_argument("--bench-hosts", type=int, default=0, help="extra target ports, one per benchmark host")
    ap.add_argument("--cached-tools", action="store_true", help="tools answer from a cache (benchmark mode)")
    ap.add_argument("--login", help="the account the hosts log in as (root only; benchmark mode)")
    args = ap.parse_args(argv)
    rig = Rig(args.dir, bench_hosts=args.bench_hosts, own_processes=False, cached_tools=args.cached_tools,
              login=args.login)
    if args.action == "up":
        rig.up()
        print(json.dumps(rig.info, indent=2))
    else:
        rig.down()
        print(json.dumps({"dir": rig.dir, "stopped": True}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (RigError, subprocess.CalledProcessError) as e:
        detail = getattr(e, "stderr", b"") or b""
        print("sshrig: %s %s" % (e, detail.decode(errors="replace").strip()), file=sys.stderr)
        sys.exit(1)
