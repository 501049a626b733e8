#!/usr/bin/env python3
"""Writes OpenMetrics text with timestamps: 15 minutes of vLLM, TGI, Vertex AI (as Google Managed Prometheus names
it), blackbox and plain-target series, for `promtool tsdb create-blocks-from openmetrics`. Rates are constant so the
expected figures can be worked out by hand (see README.md). Every family is typed "unknown": the TSDB stores samples
the same whatever the type, and OpenMetrics would otherwise insist on _total names that TGI does not use."""
import sys

T0 = 1795420800          # 2026-11-23T08:00:00Z
STEP = 15                # scrape interval
N = 61                   # T0 .. T0 + 900 s

series = {}              # name -> list of (labels, [(t, v)])


def add(name, labels, points):
    series.setdefault(name, []).append((labels, points))


def every(step, fn):
    return [(T0 + i * step, fn(i)) for i in range(900 // step + 1)]


def gauge(v):
    return every(STEP, lambda i: v)


def counter(per_scrape, start=1000.0, step=STEP):
    return every(step, lambda i: start + per_scrape * i)


def histogram(name, labels, buckets, per_scrape, step=STEP):
    """per_scrape: observations per bucket bound (non-cumulative) added every scrape."""
    cumulative = 0.0
    for le, n in zip(buckets, per_scrape):
        cumulative += n
        # only increases matter to rate(); one start value keeps the buckets cumulative at every instant
        add(name + "_bucket", dict(labels, le=le), counter(cumulative, start=100.0, step=step))
    add(name + "_count", labels, counter(sum(per_scrape), start=100.0, step=step))


# vLLM V1, busy: 3 running, 1 waiting, KV cache 42 %, 50 prompt and 20 generated tokens/s, 0.5 finished requests/s.
va = {"job": "vllm", "instance": "10.0.0.5:8000", "model_name": "meta-llama/Llama-3.1-8B-Instruct"}
add("vllm:num_requests_running", va, gauge(3))
add("vllm:num_requests_waiting", va, gauge(1))
add("vllm:kv_cache_usage_perc", va, gauge(0.42))
add("vllm:prompt_tokens_total", va, counter(50 * STEP))
add("vllm:generation_tokens_total", va, counter(20 * STEP))
add("vllm:request_success_total", dict(va, finished_reason="stop"), counter(0.4 * STEP))
add("vllm:request_success_total", dict(va, finished_reason="length"), counter(0.1 * STEP))
# 10 requests per scrape: 5 up to 0.5 s, 4 up to 1 s, 1 up to 2.5 s
histogram("vllm:e2e_request_latency_seconds", va, ["0.3", "0.5", "0.8", "1.0", "1.5", "2.0", "2.5", "5.0", "+Inf"],
          [0, 5, 2, 2, 0, 0, 1, 0, 0])
# prometheus-fastapi-instrumentator, status grouped: 18 2xx, 1.5 4xx, 0.5 5xx POSTs per scrape; GETs must not count
hx = {"job": "vllm", "instance": "10.0.0.5:8000"}
add("http_requests_total", dict(hx, handler="/v1/chat/completions", method="POST", status="2xx"), counter(18))
add("http_requests_total", dict(hx, handler="/v1/chat/completions", method="POST", status="4xx"), counter(1.5))
add("http_requests_total", dict(hx, handler="/v1/chat/completions", method="POST", status="5xx"), counter(0.5))
add("http_requests_total", dict(hx, handler="/v1/models", method="GET", status="2xx"), counter(4))

# vLLM before the V1 rename, idle: only the old KV-cache name, counters standing still, no HTTP counter.
vb = {"job": "vllm", "instance": "10.0.0.6:8000", "model_name": "mistralai/Mistral-7B-Instruct-v0.3"}
add("vllm:num_requests_running", vb, gauge(0))
add("vllm:num_requests_waiting", vb, gauge(0))
add("vllm:gpu_cache_usage_perc", vb, gauge(0.1))
add("vllm:prompt_tokens_total", vb, counter(0))
add("vllm:generation_tokens_total", vb, counter(0))
add("vllm:request_success_total", dict(vb, finished_reason="stop"), counter(0))
histogram("vllm:e2e_request_latency_seconds", vb, ["0.5", "1.0", "+Inf"], [0, 0, 0])

# TGI: batch 4, queue 2; 10 requests per scrape, of which 0.5 validation, 1 overloaded, 0.25 generation, 0.25 dropped.
tg = {"job": "tgi", "instance": "10.0.0.7:80"}
add("tgi_batch_current_size", tg, gauge(4))
add("tgi_queue_size", tg, gauge(2))
add("tgi_request_count", tg, counter(10))
add("tgi_request_success", tg, counter(8))
add("tgi_request_failure", dict(tg, err="validation"), counter(0.5))
add("tgi_request_failure", dict(tg, err="overloaded"), counter(1))
add("tgi_request_failure", dict(tg, err="generation"), counter(0.25))
add("tgi_request_failure", dict(tg, err="dropped"), counter(0.25))
histogram("tgi_request_duration", tg, ["0.5", "1.0", "2.0", "4.0", "+Inf"], [2, 4, 3, 1, 0])
add("tgi_request_input_length_sum", tg, counter(1500))
add("tgi_request_input_length_count", tg, counter(10))
add("tgi_request_generated_tokens_sum", tg, counter(600))
add("tgi_request_generated_tokens_count", tg, counter(10))

# Vertex AI endpoint as Managed Service for Prometheus exposes Cloud Monitoring metrics (sampled every 60 s).
# Cloud Monitoring keeps them as DELTA; here they are cumulative counters so a plain Prometheus can rate() them.
vx = {"monitored_resource": "aiplatform.googleapis.com/Endpoint", "resource_container": "my-project",
      "location": "us-central1", "endpoint_id": "1234567890", "deployed_model_id": "4455667788"}
add("aiplatform_googleapis_com:prediction_online_response_count", dict(vx, response_code="200"), counter(95, step=60))
add("aiplatform_googleapis_com:prediction_online_response_count", dict(vx, response_code="429"), counter(3, step=60))
add("aiplatform_googleapis_com:prediction_online_response_count", dict(vx, response_code="500"), counter(2, step=60))
for lt, per in (("total", [10, 60, 25, 5, 0]), ("model", [40, 50, 10, 0, 0])):
    histogram("aiplatform_googleapis_com:prediction_online_prediction_latencies", dict(vx, latency_type=lt),
              ["100", "250", "500", "1000", "+Inf"], per, step=60)

# blackbox_exporter probing the vLLM health URL with two modules: one passes, one fails.
bb = {"job": "blackbox", "instance": "http://10.0.0.5:8000/health"}
add("probe_success", dict(bb, module="http_2xx"), gauge(1))
add("probe_success", dict(bb, module="http_2xx_json"), gauge(0))
add("probe_duration_seconds", dict(bb, module="http_2xx"), gauge(0.12))
add("probe_duration_seconds", dict(bb, module="http_2xx_json"), gauge(0.08))
add("up", bb, gauge(1))
# a scrape target with no prober: only up
add("up", {"job": "custom-llm", "instance": "10.0.0.9:9000"}, gauge(1))


def fmt_labels(labels):
    return ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))


out = sys.stdout
for name in sorted(series):
    out.write(f"# TYPE {name} unknown\n")
    for labels, points in series[name]:
        for t, v in points:
            out.write(f"{name}{{{fmt_labels(labels)}}} {v} {t}\n")
out.write("# EOF\n")
