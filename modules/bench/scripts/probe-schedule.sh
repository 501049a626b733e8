#!/usr/bin/env bash
# 200 probed endpoints at a 30 s interval on 2 cores: the console's CPU and the probe schedule's drift
# (issue 3 item 8; figures in docs/benchmarks.md). Pins the JVM to cores 0 and 1 with the launcher's memory flags.
# Usage: modules/bench/scripts/probe-schedule.sh [MINUTES] [ProbeScheduleBench options, e.g. --probe-workers 4]
# Build first: mvn -B -q -pl modules/bench -am package -DskipTests. JAVA names a JDK 21+ java (default: java).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
JAR=$ROOT/modules/bench/target/bench.jar
MINUTES=${1:-5}
[ $# -gt 0 ] && shift
JAVA=${JAVA:-java}
[ -f "$JAR" ] || { echo "no $JAR: run mvn -B -q -pl modules/bench -am package -DskipTests first" >&2; exit 2; }
major=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
[ "${major:-0}" -ge 21 ] || { echo "$JAVA is Java ${major:-?}; set JAVA to a JDK 21+ java" >&2; exit 2; }
# the memory flags of app/src/launcher/watchfloor, so heap and GC behave as in the console
exec taskset -c 0,1 "$JAVA" -XX:ActiveProcessorCount=2 \
  -Xms64m -Xmx192m -Xmn24m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 \
  -XX:ReservedCodeCacheSize=64m \
  -cp "$JAR" io.watchfloor.bench.probe.ProbeScheduleBench --minutes "$MINUTES" "$@"
