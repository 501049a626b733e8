#!/usr/bin/env bash
# Resident memory of the console showing 256 GPU tiles that update every second, sampled over time.
# Usage: modules/bench/scripts/soak.sh [MINUTES] [SAMPLE_SECONDS]   (needs a display: DISPLAY, or Xvfb)
# Prints "elapsed_s rss_mib" lines, then the warm-up RSS, the last RSS and the growth after warm-up.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
WF=$ROOT/app/target/watchfloor/bin/watchfloor
CFG=$ROOT/modules/bench/scripts/fleet-256.yaml
MINUTES=${1:-10}
STEP=${2:-30}
DATA=$(mktemp -d)
cleanup() { [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null; [ -n "${XVFB:-}" ] && kill "$XVFB" 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :96 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 & XVFB=$!
  export DISPLAY=:96
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
fi
"$WF" --config "$CFG" --data-dir "$DATA" --wall >"$DATA/app.log" 2>&1 &
LAUNCHER=$!
sleep 5
APP=$(pgrep -f "io.watchfloor.app.Main --config $CFG" | head -n 1)
[ -n "$APP" ] || { echo "console did not start"; cat "$DATA/app.log"; exit 1; }
end=$((SECONDS + MINUTES * 60))
start=$SECONDS
warm=""
while [ $SECONDS -lt $end ]; do
  rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/"$APP"/status)
  t=$((SECONDS - start))
  echo "$t $rss"
  # warm-up: the first 3 minutes (JIT, caches, sparkline rings filling)
  [ -z "$warm" ] && [ $t -ge 180 ] && warm=$rss
  sleep "$STEP"
done
last=$(awk '/VmRSS/ {print int($2/1024)}' /proc/"$APP"/status)
echo "rss_after_warmup_mib ${warm:-n/a} rss_last_mib $last growth_mib $(( last - ${warm:-$last} ))"
