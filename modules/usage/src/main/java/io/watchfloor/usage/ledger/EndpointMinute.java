package io.watchfloor.usage.ledger;

import java.time.Instant;

/**
 * One endpoint's usage in one minute of the ledger. Counts are integrated from the provider's per-minute rates
 * over the part of the minute that samples covered ({@code coveredMillis}, at most 60,000). Latency is kept as
 * request-weighted sums so minutes add up: a window's p95 is sum(p95 x weight) / sum(weight).
 *
 * @param minute    the minute's start (UTC, whole minute)
 * @param p50Weight requests behind the p50 sum (or the covered fraction where there were no requests); 0 = no p50
 */
public record EndpointMinute(String endpointId, Instant minute, long coveredMillis, double requests, double tokensIn,
                             double tokensOut, double errors, double throttles, double p50Sum, double p50Weight,
                             double p95Sum, double p95Weight, double avgSum, double avgWeight) {
}
