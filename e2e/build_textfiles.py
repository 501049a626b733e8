#!/usr/bin/env python3
"""Builds node_exporter textfile-collector inputs (one directory per simulated GPU host) from the
real dcgm-exporter captures in shared/fixtures/dcgm-exporter, and writes the expected wall state.

Changes made to the captures, and why:
- the 8xH100 capture attaches pod labels (container, namespace, pod, pod_uid) to GPU 0 only; the
  textfile collector rejects a metric family with mixed label sets, so those labels are dropped;
- a fourth host, "l4-blank", is the L4 capture with its GPU temperature replaced by DCGM's int64
  blank sentinel, to check that a blank reads as "no reading" (null), never as a number.

Usage: build_textfiles.py FIXTURE_DIR OUT_DIR  -> OUT_DIR/<host>/dcgm.prom and OUT_DIR/expected.json
"""
import json
import os
import re
import sys

SOURCES = {
    "metrics-1xL4-driver580.105.08-aws-kops.prom": None,
    "metrics-1xL40S-driver595.58.03-upcloud.prom": None,
    "metrics-8xH100-driver580.105.08-eks-sampled-subset.prom": None,
}
POD_LABELS = re.compile(r',(container|namespace|pod|pod_uid)="[^"]*"')
LINE = re.compile(r'^([A-Za-z_:][A-Za-z0-9_:]*)\{(.*)\}\s+(\S+)$')
LABEL = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"')
INT64_BLANK = "9223372036854775792"


def parse(text):
    for line in text.splitlines():
        m = LINE.match(line.strip())
        if m:
            yield m.group(1), dict(LABEL.findall(m.group(2))), m.group(3)


def expected(samples):
    """The wall state the console must show for these samples (mirrors the documented rules)."""
    gpus = {}
    for name, labels, value in samples:
        host = labels.get("Hostname") or labels.get("hostname") or labels.get("instance")
        key = (host, labels["gpu"])
        g = gpus.setdefault(key, {"host": host, "gpu": labels["gpu"], "uuid": labels.get("UUID"),
                                  "model": labels.get("modelName"), "raw": {}})
        v = float(value)
        g["raw"][name] = None if abs(v) >= 2147483632 else v
    out = []
    for g in gpus.values():
        raw = g.pop("raw")
        used, free, reserved = raw.get("DCGM_FI_DEV_FB_USED"), raw.get("DCGM_FI_DEV_FB_FREE"), raw.get("DCGM_FI_DEV_FB_RESERVED")
        total = None if used is None or free is None else used + free + (reserved or 0)
        g["metrics"] = {"util_pct": raw.get("DCGM_FI_DEV_GPU_UTIL"), "mem_used_mib": used, "mem_total_mib": total,
                        "temp_c": raw.get("DCGM_FI_DEV_GPU_TEMP"), "power_w": raw.get("DCGM_FI_DEV_POWER_USAGE")}
        out.append(g)
    return out


def main(fixtures, out_dir):
    all_samples = []
    os.makedirs(out_dir, exist_ok=True)
    texts = {}
    for f in SOURCES:
        with open(os.path.join(fixtures, f), encoding="utf-8") as fh:
            texts[f] = POD_LABELS.sub("", fh.read())
    l4 = texts["metrics-1xL4-driver580.105.08-aws-kops.prom"]
    blank = re.sub(r'Hostname="[^"]*"', 'Hostname="l4-blank"', l4)
    blank = re.sub(r'(DCGM_FI_DEV_GPU_TEMP\{[^}]*\})\s+\S+', r'\1 ' + INT64_BLANK, blank)
    texts["l4-blank.prom"] = blank
    for i, (name, text) in enumerate(sorted(texts.items())):
        d = os.path.join(out_dir, "host%d" % i)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "dcgm.prom"), "w", encoding="utf-8") as fh:
            fh.write(text if text.endswith("\n") else text + "\n")
        all_samples.extend(parse(text))
    with open(os.path.join(out_dir, "expected.json"), "w", encoding="utf-8") as fh:
        json.dump(expected(all_samples), fh, indent=1)
    print(len(texts))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
