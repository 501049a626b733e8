#!/usr/bin/python3 -S
"""Fake GPU-host tools for the SSH rig (sshrig.py): nvidia-smi, journalctl, dmesg and systemctl, dispatched on the
name this file is invoked as (the rig symlinks <rig>/bin/nvidia-smi etc. to it). There is no GPU here; the fakes
print captured fixture output so that the console's parsers are what is tested.

The scenario comes from <rig>/gpu-scenario (the rig is this file's directory's parent), lines of `KEY VALUE`:
    fixtures DIR                      the nvidia-smi fixture directory (../shared/fixtures/nvidia-smi)
    gpu FILE                          one line per GPU, index order: a full-field `--query-gpu` CSV capture
    apps FILE [GPU_INDEX]             a `--query-compute-apps` capture; its processes are put on that GPU
    qx FILE                           the `-q -x` capture
    set GPU_INDEX FIELD VALUE...      overrides one field of that GPU, e.g. `set 1 memory.used 24576 MiB`
    xid CODE GPU_INDEX PID NAME       one kernel-log Xid line on that GPU's PCI address
    service UNIT STATE                what `systemctl is-active UNIT` answers (unknown units: inactive)

Output follows the real tools (see e2e/README.md, "SSH rig" for the sources): nvidia-smi separates values with
", ", keeps units in headers as `name [unit]` and in values as `2296 MiB`, drops both with `nounits`, and answers an
unknown field with `Field "x" is not a valid field to query.` + blank line on stdout, exit 2.
Standard library only; started with -S because the benchmark runs it a few hundred times per cycle.
"""
import csv
import os
import sys
import time

RIG = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# nvidia-smi accepts these alternative names (its --help-query-gpu prints them as `"name" or "gpu_name"`)
GPU_ALIASES = {"gpu_name": "name", "gpu_serial": "serial", "gpu_uuid": "uuid", "gpu_bus_id": "pci.bus_id"}
APP_ALIASES = {"name": "process_name", "used_memory": "used_gpu_memory"}


def scenario():
    sc = {"fixtures": None, "gpu": [], "apps": [], "qx": None, "xid": [], "service": {}, "set": []}
    path = os.path.join(RIG, "gpu-scenario")
    with open(path) as f:
        for raw in f:
            parts = raw.split()
            if not parts or parts[0].startswith("#"):
                continue
            key, rest = parts[0], parts[1:]
            if key in ("fixtures", "qx"):
                sc[key] = rest[0]
            elif key == "gpu":
                sc["gpu"].append(rest[0])
            elif key == "apps":
                sc["apps"].append((rest[0], int(rest[1]) if len(rest) > 1 else 0))
            elif key == "xid":
                sc["xid"].append((int(rest[0]), int(rest[1]), rest[2], " ".join(rest[3:]) or "python3"))
            elif key == "set":
                sc["set"].append((int(rest[0]), rest[1], " ".join(rest[2:])))
            elif key == "service":
                sc["service"][rest[0]] = rest[1]
    return sc


def fixture(sc, name):
    return os.path.join(sc["fixtures"], name)


def read_csv(path):
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(f, skipinitialspace=True) if r]
    return rows[0], rows[1:]


def split_unit(header):
    """'memory.used [MiB]' -> ('memory.used', 'MiB'); 'name' -> ('name', None)."""
    if header.endswith("]") and " [" in header:
        name, unit = header[:-1].split(" [", 1)
        return name, unit
    return header, None


def strip_unit(value, unit):
    if unit and not value.startswith("[") and value.endswith(" " + unit):
        return value[: -len(unit) - 1]
    return value


def gpus(sc):
    """The scenario's GPUs as dicts field -> (value, unit); GPU i > 0 gets index i and its own PCI device/UUID."""
    out = []
    for i, name in enumerate(sc["gpu"]):
        header, rows = read_csv(fixture(sc, name))
        g = {}
        for h, v in zip(header, rows[0]):
            field, unit = split_unit(h)
            g[field] = [v, unit]
        g["index"][0] = str(i)
        if i:
            bus = g["pci.bus_id"][0]  # 00000000:00:09.0 -> device + i, as a second card in the next slot
            dom, b, rest = bus.split(":")
            dev = int(rest.split(".")[0], 16) + i
            g["pci.bus_id"][0] = "%s:%s:%02X.0" % (dom, b, dev)
            if "pci.device" in g:
                g["pci.device"][0] = "0x%02X" % dev
            g["uuid"][0] = g["uuid"][0][:-2] + "%02d" % i
        out.append(g)
    for gi, field, value in sc["set"]:
        out[gi][field][0] = value
    return out


def fmt_flags(argv):
    fmt = None
    for a in argv:
        if a.startswith("--format="):
            fmt = a.split("=", 1)[1].split(",")
    return fmt


def project(rows, fields, aliases, fmt):
    """rows: dicts field -> [value, unit]; prints the CSV nvidia-smi would; returns the exit code."""
    known = set(rows[0]) if rows else None
    for f in fields:
        canon = aliases.get(f, f)
        if known is not None and canon not in known:
            sys.stdout.write('Field "%s" is not a valid field to query.\n\n' % f)
            return 2
    nounits = "nounits" in fmt
    lines = []
    if "noheader" not in fmt:
        heads = []
        for f in fields:
            unit = rows[0][aliases.get(f, f)][1] if rows else None
            heads.append(f if nounits or not unit else "%s [%s]" % (f, unit))
        lines.append(", ".join(heads))
    for r in rows:
        vals = []
        for f in fields:
            v, unit = r[aliases.get(f, f)]
            vals.append(strip_unit(v, unit) if nounits else v)
        lines.append(", ".join(vals))
    sys.stdout.write("".join(l + "\n" for l in lines))
    return 0


def compute_apps(sc, gs):
    rows = []
    for name, gi in sc["apps"]:
        header, data = read_csv(fixture(sc, name))
        g = gs[gi]
        for d in data:
            r = {}
            for h, v in zip(header, d):
                field, unit = split_unit(h)
                r[field] = [v, unit]
            r["gpu_name"][0], r["gpu_bus_id"][0] = g["name"][0], g["pci.bus_id"][0]
            r["gpu_uuid"][0], r["gpu_serial"][0] = g["uuid"][0], g["serial"][0]
            rows.append(r)
    return rows


def nvidia_smi(argv):
    sc = scenario()
    if "--help-query-gpu" in argv:
        gs = gpus(sc)
        back = {v: k for k, v in GPU_ALIASES.items()}
        sys.stdout.write('List of valid properties to query for the switch "--query-gpu=":\n\n')
        for field in gs[0]:
            names = '"%s"' % field + (' or "%s"' % back[field] if field in back else "")
            sys.stdout.write("%s\nFake field from the rig's fixture.\n\n" % names)
        return 0
    if "-q" in argv or "--query" in argv:
        if "-x" in argv or "--xml-format" in argv:
            with open(fixture(sc, sc["qx"])) as f:
                sys.stdout.write(f.read())
            return 0
    for a in argv:
        if a.startswith("--query-gpu=") or a.startswith("--query-compute-apps="):
            fmt = fmt_flags(argv)
            if fmt is None or "csv" not in fmt:
                sys.stdout.write('"--format=" switch is missing. Please run \'nvidia-smi -h\' for help.\n')
                return 2
            fields = [f.strip() for f in a.split("=", 1)[1].split(",") if f.strip()]
            gs = gpus(sc)
            if a.startswith("--query-gpu="):
                return project(gs, fields, GPU_ALIASES, fmt)
            apps = compute_apps(sc, gs)
            if not apps:  # the header still names the fields; validate them against a capture
                header, _ = read_csv(fixture(sc, sc["apps"][0][0])) if sc["apps"] else ([], [])
                known = {split_unit(h)[0] for h in header}
                for f in fields:
                    if known and APP_ALIASES.get(f, f) not in known:
                        sys.stdout.write('Field "%s" is not a valid field to query.\n\n' % f)
                        return 2
                if "noheader" not in fmt:
                    sys.stdout.write(", ".join(fields) + "\n")
                return 0
            return project(apps, fields, APP_ALIASES, fmt)
    sys.stderr.write("fake nvidia-smi: unsupported arguments %r\n" % (argv,))
    return 1


def xid_events(sc):
    """(epoch, message) of the scenario's Xid lines, 10 and 2 minutes ago (inside any --since window of an hour)."""
    gs = gpus(sc)
    now = time.time()
    out = []
    for n, (code, gi, pid, name) in enumerate(sc["xid"]):
        dom, bus, rest = gs[gi]["pci.bus_id"][0].split(":")  # the kernel prints 4-digit domain, no function
        pci = "%s:%s:%s" % (dom[-4:], bus.lower(), rest.split(".")[0].lower())
        msg = {79: "GPU has fallen off the bus.", 48: "An uncorrectable double bit error (DBE) has been detected "
               "on GPU in the framebuffer at partition 0, subpartition 0.",
               63: "Row Remapper: New row marked for remapping, reset gpu to activate."}.get(code, "")
        out.append((now - 600 + 480 * n / max(1, len(sc["xid"])),
                    "NVRM: Xid (PCI:%s): %d, pid=%s, name=%s, %s" % (pci, code, pid, name, msg)))
    # an ordinary kernel line too, so that a caller's own filtering matters
    out.insert(0, (now - 900, "nvidia-nvlink: Nvlink Core is being initialized, major device number 234"))
    return out


def journalctl(argv):
    events = xid_events(scenario())
    grep = None
    output = "short"
    for i, a in enumerate(argv):
        if a in ("-g", "--grep") and i + 1 < len(argv):
            grep = argv[i + 1]
        elif a.startswith("--grep="):
            grep = a.split("=", 1)[1]
        elif a in ("-o", "--output") and i + 1 < len(argv):
            output = argv[i + 1]
        elif a.startswith("--output=") or (a.startswith("-o") and len(a) > 2):
            output = a.split("=", 1)[1] if "=" in a else a[2:]
    host = os.uname().nodename
    for t, msg in events:
        if grep and grep.lower() not in msg.lower():
            continue
        if output == "cat":
            line = msg
        elif output == "short-iso":
            line = "%s %s kernel: %s" % (time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(t)), host, msg)
        elif output == "short-unix":
            line = "%.6f %s kernel: %s" % (t, host, msg)
        else:
            line = "%s %s kernel: %s" % (time.strftime("%b %d %H:%M:%S", time.localtime(t)), host, msg)
        sys.stdout.write(line + "\n")
    return 0


def dmesg(argv):
    events = xid_events(scenario())
    boot = events[0][0] - 3600.0  # an hour of uptime before the first line
    iso = any(a in ("--time-format=iso", "-T", "--ctime") for a in argv) or \
        any(a == "--time-format" and argv[i + 1:i + 2] == ["iso"] for i, a in enumerate(argv))
    for t, msg in events:
        if iso:
            # dmesg --time-format=iso: 2024-01-15T03:00:00,000000+00:00 (colon in the offset, unlike journalctl)
            z = time.strftime("%z", time.localtime(t))
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(t)) + ",%06d" % int((t % 1) * 1e6) \
                + z[:3] + ":" + z[3:]
            sys.stdout.write("%s %s\n" % (stamp, msg))
        else:
            sys.stdout.write("[%12.6f] %s\n" % (t - boot, msg))
    return 0


def systemctl(argv):
    args = [a for a in argv if not a.startswith("-")]
    quiet = "--quiet" in argv or "-q" in argv
    if not args or args[0] != "is-active":
        sys.stderr.write("fake systemctl: only is-active is supported\n")
        return 1
    states = scenario()["service"]
    any_active = False
    for unit in args[1:]:
        state = states.get(unit, states.get(unit[:-8] if unit.endswith(".service") else unit, "inactive"))
        any_active |= state == "active"
        if not quiet:
            sys.stdout.write(state + "\n")
    return 0 if any_active else 3  # systemctl(1): 0 if at least one unit is active, else non-zero (3)


def main():
    tool = os.path.basename(sys.argv[0])
    handler = {"nvidia-smi": nvidia_smi, "journalctl": journalctl, "dmesg": dmesg, "systemctl": systemctl}.get(tool)
    if handler is None:
        sys.stderr.write("fake_tools: invoked as %s, expected nvidia-smi, journalctl, dmesg or systemctl\n" % tool)
        return 1
    try:
        return handler(sys.argv[1:])
    except BrokenPipeError:
        return 141


if __name__ == "__main__":
    sys.exit(main())
