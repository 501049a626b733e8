package io.watchfloor.sources.cloudwatch;

/**
 * What one CloudWatch query tells about an endpoint, whatever the provider calls it. The code is part of the
 * query id sent to CloudWatch (ids must match {@code [a-z][a-zA-Z0-9_]*}).
 */
enum Signal {
    /** Requests accepted (Bedrock: includes those that failed later, excludes throttled ones). */
    INVOCATIONS("inv"),
    CLIENT_ERRORS("cerr"),
    SERVER_ERRORS("serr"),
    THROTTLES("thr"),
    LATENCY_P50("p50"),
    LATENCY_P95("p95"),
    /** Asked for every poll so that an endpoint without percentiles still shows a latency (views say "avg"). */
    LATENCY_AVG("avg"),
    /** SageMaker's own time around the model (ModelLatency excludes it). */
    OVERHEAD_AVG("ovh"),
    TOKENS_IN("tin"),
    TOKENS_OUT("tout"),
    /** SageMaker instance GPU use, summed over the instance's GPUs (0-100 per GPU). */
    GPU_UTIL("gpu");

    private final String code;

    Signal(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    /** Count signals: a period without a datapoint had none of them (CloudWatch does not publish zeros for all). */
    boolean isCount() {
        return this == INVOCATIONS || this == CLIENT_ERRORS || this == SERVER_ERRORS || this == THROTTLES;
    }
}
