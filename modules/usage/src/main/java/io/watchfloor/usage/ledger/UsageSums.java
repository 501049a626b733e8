package io.watchfloor.usage.ledger;

import io.watchfloor.usage.UsageFigures;

/** Ledger minutes added up over a range (one endpoint or several); see {@link EndpointMinute}. */
public record UsageSums(long coveredMinutes, double requests, double tokensIn, double tokensOut, double errors,
                        double throttles, double p50Sum, double p50Weight, double p95Sum, double p95Weight,
                        double avgSum, double avgWeight) {

    public static final UsageSums NONE = new UsageSums(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public UsageSums plus(UsageSums o) {
        return new UsageSums(coveredMinutes + o.coveredMinutes, requests + o.requests, tokensIn + o.tokensIn,
                tokensOut + o.tokensOut, errors + o.errors, throttles + o.throttles, p50Sum + o.p50Sum,
                p50Weight + o.p50Weight, p95Sum + o.p95Sum, p95Weight + o.p95Weight, avgSum + o.avgSum,
                avgWeight + o.avgWeight);
    }

    /**
     * The figures of a window of {@code windowMinutes} per endpoint x {@code endpoints}: minutes without a ledger
     * row are gaps.
     */
    public UsageFigures figures(long windowMinutes, int endpoints) {
        long gap = Math.max(0, windowMinutes * endpoints - coveredMinutes);
        return new UsageFigures(requests, tokensIn, tokensOut, errors, throttles,
                p50Weight > 0 ? p50Sum / p50Weight : null, p95Weight > 0 ? p95Sum / p95Weight : null,
                avgWeight > 0 ? avgSum / avgWeight : null, coveredMinutes, gap);
    }
}
