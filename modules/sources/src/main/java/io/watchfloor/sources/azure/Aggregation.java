package io.watchfloor.sources.azure;

/**
 * The aggregation types of the Azure Monitor metrics API. One call asks for one aggregation for all its metrics:
 * asking a metric for an aggregation it does not support fails that metric inside a 200 answer
 * (errorCode InvalidSamplingType, as in the shared fixture metrics-get-cosmos-partial-error-InvalidSamplingType.json),
 * so metrics are grouped into calls by the aggregation they support.
 */
enum Aggregation {
    TOTAL("Total"),
    AVERAGE("Average");

    private final String wireName;

    Aggregation(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code aggregation} query parameter. */
    String wireName() {
        return wireName;
    }
}
