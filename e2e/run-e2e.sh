#!/usr/bin/env bash
# End-to-end tests of the packaged launcher against real servers from Debian packages, started
# here on 127.0.0.1: node_exporter (textfile collector serving dcgm-exporter captures, one per
# host) and Prometheus scraping them; then endpoints_e2e.py (an OpenAI-compatible endpoint taken
# down for a measured time, probed by the console and through blackbox_exporter + Prometheus) and
# incidents_e2e.py (a Prometheus rule firing into Alertmanager opens an incident; ack, clear, resolve, export),
# sshrig_selftest.py + ssh_e2e.py (SSH-polled GPU hosts behind a bastion, JIT shells, the audit log).
# Needs `mvn -B verify` (or package) to have run first.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${WATCHFLOOR_SHARED:-$ROOT/../shared}
WF=$ROOT/app/target/watchfloor/bin/watchfloor
WORK=$(mktemp -d /tmp/watchfloor-e2e.XXXXXX)
OUT=${WATCHFLOOR_E2E_OUT:-$WORK/out}
mkdir -p "$OUT"
PIDS=()
PASSED=0
FAILED=0

cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

free_port() { # first free TCP port from $1 upwards
  local p=$1
  while ss -ltnH "sport = :$p" | grep -q .; do p=$((p + 1)); done
  echo "$p"
}

wait_until() { # wait_until SECONDS DESCRIPTION COMMAND...: poll a condition, never a blind sleep
  local limit=$1 what=$2; shift 2
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $end ]; then echo "timed out after ${limit}s waiting for $what" >&2; return 1; fi
    sleep 0.2
  done
}

result() { # result NAME EXIT_CODE
  if [ "$2" -eq 0 ]; then PASSED=$((PASSED + 1)); echo "PASS $1"; else FAILED=$((FAILED + 1)); echo "FAIL $1"; fi
}

[ -x "$WF" ] || { echo "launcher $WF missing: run 'mvn -B verify' first" >&2; exit 1; }
command -v prometheus >/dev/null || { echo "prometheus not installed (apt-get install prometheus)" >&2; exit 1; }

# --- peers ---------------------------------------------------------------------------------
python3 "$ROOT/e2e/build_textfiles.py" "$SHARED/fixtures/dcgm-exporter" "$WORK/hosts" >/dev/null
EXPECTED=$WORK/hosts/expected.json
TARGETS=""
port=19391
for dir in "$WORK"/hosts/host*; do
  port=$(free_port "$port")
  prometheus-node-exporter --web.listen-address=127.0.0.1:$port --collector.textfile.directory="$dir" \
    --no-collector.systemd >"$dir/exporter.log" 2>&1 &
  PIDS+=($!)
  TARGETS="$TARGETS'127.0.0.1:$port',"
  port=$((port + 1))
done
PROM_PORT=$(free_port 19390)
cat >"$WORK/prometheus.yml" <<YML
global: {scrape_interval: 1s, evaluation_interval: 1s}
scrape_configs:
  - job_name: dcgm
    honor_labels: true
    static_configs: [{targets: [${TARGETS%,}]}]
YML
start_prometheus() {
  prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
    --web.listen-address=127.0.0.1:$PROM_PORT >>"$WORK/prometheus.log" 2>&1 &
  PROM_PID=$!
  PIDS+=($PROM_PID)
  wait_until 30 "prometheus ready" curl -fs "http://127.0.0.1:$PROM_PORT/-/ready"
  local n
  n=$(python3 -c "import json;print(len(json.load(open('$EXPECTED'))))")
  wait_until 60 "$n GPUs scraped" sh -c "curl -fs 'http://127.0.0.1:$PROM_PORT/api/v1/query?query=count(DCGM_FI_DEV_GPU_UTIL)' | grep -q '\"$n\"'"
}
start_prometheus

cat >"$WORK/console.yaml" <<YML
sources:
  - id: prom-main
    type: prometheus
    url: http://127.0.0.1:$PROM_PORT
    interval: 2s
    timeout: 2s
YML
DATA=$WORK/data
snap() { # snap NAME [extra args]: render the wall, state to $OUT/NAME.json
  local name=$1; shift
  "$WF" snapshot --config "$WORK/console.yaml" --data-dir "$DATA" --view wall --size "${SIZE:-1920x1080}" \
    --out "$OUT/$name.png" --state "$OUT/$name.json" "$@" >"$OUT/$name.log" 2>&1
}

# --- check-config --------------------------------------------------------------------------
"$WF" check-config "$WORK/console.yaml" >/dev/null; result "check-config accepts a valid file" $?
printf 'sources:\n  - id: prom-main\n    type: prometheus\n    url: http://127.0.0.1:9090\n    interval: soon\n' >"$WORK/bad.yaml"
set +e; "$WF" check-config "$WORK/bad.yaml" >"$OUT/bad.txt" 2>&1; rc=$?; set -e
[ $rc -eq 2 ] && grep -q "bad.yaml:5:15: " "$OUT/bad.txt"; result "check-config: exit 2 and FILE:LINE:COL for a bad duration" $?

# --- live wall from real Prometheus ---------------------------------------------------------
set +e
snap live --polls 2; rc=$?
[ $rc -eq 0 ] && python3 "$ROOT/e2e/check_state.py" live "$OUT/live.json" "$EXPECTED"; result "snapshot shows every served GPU with its values" $?
[ -s "$OUT/live.png" ] && python3 -c "import struct,sys;d=open('$OUT/live.png','rb').read(24);w,h=struct.unpack('>II',d[16:24]);sys.exit(0 if (w,h)==(1920,1080) else 1)"
result "snapshot writes a 1920x1080 PNG" $?
for size in 1366x768 3840x2160; do # the other wall sizes, kept as artefacts for review
  SIZE=$size snap "live-$size" --polls 1
done

# --- restart from cache before any poll -----------------------------------------------------
snap cached --polls 0; rc=$?
[ $rc -eq 0 ] && python3 "$ROOT/e2e/check_state.py" cached "$OUT/cached.json" "$EXPECTED"; result "a restart shows the cached wall with real ages before polling" $?

# --- Prometheus goes away --------------------------------------------------------------------
kill "$PROM_PID"; wait "$PROM_PID" 2>/dev/null
snap down1; rc=$?
[ $rc -eq 0 ] && python3 "$ROOT/e2e/check_state.py" down "$OUT/down1.json" "$EXPECTED" "$OUT/live.json"; result "source down: state down, tiles stale, last values kept" $?
snap down2; rc=$?
[ $rc -eq 0 ] && python3 "$ROOT/e2e/check_state.py" down "$OUT/down2.json" "$EXPECTED" "$OUT/down1.json"; result "while down, tile ages keep growing" $?

# --- ... and comes back ------------------------------------------------------------------------
set -e
start_prometheus
set +e
snap recovered; rc=$?
[ $rc -eq 0 ] && python3 "$ROOT/e2e/check_state.py" live "$OUT/recovered.json" "$EXPECTED"; result "recovery: source up and tiles fresh again" $?
set -e

# --- endpoints: uptime against an injected outage (own peers and ports; see endpoints_e2e.py) --
set +e
python3 "$ROOT/e2e/endpoints_e2e.py" --launcher "$WF" --out "$OUT/endpoints" | tee "$OUT/endpoints.txt"
rc=${PIPESTATUS[0]}
n_pass=$(grep -c '^PASS ' "$OUT/endpoints.txt")
n_fail=$(grep -c '^FAIL ' "$OUT/endpoints.txt")
PASSED=$((PASSED + n_pass)); FAILED=$((FAILED + n_fail))
[ "$rc" -ne 0 ] && [ "$n_fail" -eq 0 ] && result "endpoints stage ran to its end (exit $rc)" 1
set -e

# --- incidents: a real Prometheus rule fires into a real Alertmanager (see incidents_e2e.py) --------
set +e
python3 "$ROOT/e2e/incidents_e2e.py" --launcher "$WF" --out "$OUT/incidents" | tee "$OUT/incidents.txt"
rc=${PIPESTATUS[0]}
n_pass=$(grep -c '^PASS ' "$OUT/incidents.txt")
n_fail=$(grep -c '^FAIL ' "$OUT/incidents.txt")
PASSED=$((PASSED + n_pass)); FAILED=$((FAILED + n_fail))
[ "$rc" -ne 0 ] && [ "$n_fail" -eq 0 ] && result "incidents stage ran to its end (exit $rc)" 1
set -e

# --- SSH hosts, JIT shells, audit log: a bastion and a target sshd (see sshrig.py, ssh_e2e.py) ------------
set +e
python3 "$ROOT/e2e/sshrig_selftest.py" | tee "$OUT/sshrig.txt"
python3 "$ROOT/e2e/ssh_e2e.py" --launcher "$WF" --out "$OUT/ssh" --strict | tee "$OUT/ssh.txt"
rc=${PIPESTATUS[0]}
n_pass=$(cat "$OUT/sshrig.txt" "$OUT/ssh.txt" | grep -c '^PASS ')
n_fail=$(cat "$OUT/sshrig.txt" "$OUT/ssh.txt" | grep -c '^FAIL ')
PASSED=$((PASSED + n_pass)); FAILED=$((FAILED + n_fail))
[ "$rc" -ne 0 ] && [ "$n_fail" -eq 0 ] && result "ssh stage ran to its end (exit $rc)" 1
set -e

echo "e2e artefacts in $OUT"
echo "e2e: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
