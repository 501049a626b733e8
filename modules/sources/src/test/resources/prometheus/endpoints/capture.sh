#!/usr/bin/env bash
# Regenerates the captured answers in this folder from a real Prometheus (Debian package prometheus 2.42):
# series.py -> OpenMetrics -> promtool backfill -> prometheus on 127.0.0.1 -> every query EndpointScenario prints,
# evaluated at the last sample (time=1795421700) -> answer-NN.json + queries.tsv (file, HTTP status, query).
# Run from the repository root after `mvn -o -q -pl modules/sources -am test-compile`.
set -euo pipefail
here=modules/sources/src/test/resources/prometheus/endpoints
port=${PORT:-29467}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

python3 "$here/series.py" > "$work/series.om"
promtool tsdb create-blocks-from openmetrics "$work/series.om" "$work/data" > /dev/null
printf 'global:\n  scrape_interval: 15s\n' > "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --storage.tsdb.retention.time=100y --web.listen-address=127.0.0.1:$port > "$work/prometheus.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/-/ready" > /dev/null; do sleep 0.2; done

mvn -B -o -q -pl modules/sources dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" > /dev/null
cp="modules/model/target/classes:modules/config/target/classes:modules/sources/target/classes"
cp="$cp:modules/sources/target/test-classes:$(tr ':' '\n' < "$work/cp.txt" | grep -v '/io/watchfloor/' | paste -sd:)"
java -cp "$cp" io.watchfloor.sources.prometheus.EndpointScenario > "$work/queries.txt"

rm -f "$here"/answer-*.json
: > "$here/queries.tsv"
n=0
while IFS= read -r q; do
  n=$((n + 1))
  f=$(printf 'answer-%02d.json' "$n")
  code=$(curl -s -o "$here/$f" -w '%{http_code}' "http://127.0.0.1:$port/api/v1/query" \
    --data-urlencode "query=$q" --data-urlencode time=1795421700)
  printf '%s\t%s\t%s\n' "$f" "$code" "$q" >> "$here/queries.tsv"
done < "$work/queries.txt"
echo "captured $n answers"
