package io.watchfloor.usage;

/**
 * Usage of one endpoint (or the sum over several) in a window, from the usage ledger.
 *
 * <p>Counts are estimates integrated from the providers' per-minute rates, so they are doubles; screens round them.
 * Latency is the request-weighted mean of the provider's per-minute percentiles (decision 0010), null where no
 * minute had one. Minutes without any data are counted in {@code gapMinutes} and contribute nothing: a gap is
 * never read as a quiet minute.
 *
 * @param coveredMinutes minutes of the window with data (per endpoint, summed over endpoints for totals)
 * @param gapMinutes     minutes of the window without data (likewise summed)
 * @param avgMs          mean latency where the provider reports no percentiles (Azure, Bedrock), else null
 */
public record UsageFigures(double requests, double tokensIn, double tokensOut, double errors, double throttles,
                           Double p50Ms, Double p95Ms, Double avgMs, long coveredMinutes, long gapMinutes) {

    public static final UsageFigures NONE = new UsageFigures(0, 0, 0, 0, 0, null, null, null, 0, 0);

    /** True when at least one minute of the window had data. */
    public boolean hasData() {
        return coveredMinutes > 0;
    }

    /** Errors in percent of requests; null without requests. */
    public Double errorPct() {
        return requests > 0 ? 100.0 * errors / requests : null;
    }

    /** Throttled requests in percent of requests; null without requests. */
    public Double throttlePct() {
        return requests > 0 ? 100.0 * throttles / requests : null;
    }
}
