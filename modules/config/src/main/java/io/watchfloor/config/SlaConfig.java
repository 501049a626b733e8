package io.watchfloor.config;

/**
 * The availability promise for one endpoint ({@code sla:} under an endpoint).
 *
 * @param targetPct        uptime target, e.g. 99.5
 * @param serverErrorPct   for endpoints without a probe: a period whose server-error share reaches this counts as
 *                         down (provider metrics are the only evidence then)
 * @param slowP95Ms        latency p95 (or average where that is all there is) at which the endpoint shows degraded
 */
public record SlaConfig(double targetPct, double serverErrorPct, double slowP95Ms) {
    public static final SlaConfig DEFAULTS = new SlaConfig(99.5, 50, 5000);
}
