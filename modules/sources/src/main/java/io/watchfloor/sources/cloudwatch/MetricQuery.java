package io.watchfloor.sources.cloudwatch;

/**
 * One CloudWatch metric and statistic read per endpoint.
 *
 * @param toMillis factor from the metric's unit to what the console shows (latency in ms); 1 for anything else
 */
record MetricQuery(Signal signal, String namespace, String metricName, String stat, double toMillis) {

    static MetricQuery of(Signal signal, String namespace, String metricName, String stat) {
        return new MetricQuery(signal, namespace, metricName, stat, 1);
    }

    /** SageMaker reports ModelLatency and OverheadLatency in microseconds. */
    static MetricQuery micros(Signal signal, String namespace, String metricName, String stat) {
        return new MetricQuery(signal, namespace, metricName, stat, 0.001);
    }
}
