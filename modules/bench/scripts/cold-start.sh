#!/usr/bin/env bash
# Cold start to the first frame drawn from the cache, with 256 GPU tiles cached.
# Usage: modules/bench/scripts/cold-start.sh [RUNS]   (needs a display: DISPLAY, or Xvfb installed)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
WF=$ROOT/app/target/watchfloor/bin/watchfloor
CFG=$ROOT/modules/bench/scripts/fleet-256.yaml
RUNS=${1:-5}
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"; [ -n "${XVFB:-}" ] && kill $XVFB 2>/dev/null' EXIT
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :97 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 & XVFB=$!
  export DISPLAY=:97
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
fi
# fill the cache: 3 poll cycles of the 256-GPU fleet
"$WF" snapshot --config "$CFG" --data-dir "$DATA" --out "$DATA/warm.png" --polls 3 >/dev/null 2>&1
for i in $(seq "$RUNS"); do
  "$WF" --config "$CFG" --data-dir "$DATA" --exit-after-first-frame 2>/dev/null | grep first-frame-ms
done
