package io.watchfloor.model.endpoint;

import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKind;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a reading into an availability judgement for the SLA ledger (docs/decisions/0005).
 *
 * <ul>
 *   <li>PROBE readings (the console's own probe): PROBE_UP 1 is UP, 0 is DOWN; absent is UNKNOWN (the probe could
 *       not judge, its own network looked down).</li>
 *   <li>ENDPOINT readings (provider metrics), for endpoints that have no probe (the caller decides; a probe sees
 *       outages with no traffic, provider metrics do not): AVAILABILITY_PCT where given (>= 50 is UP); else a
 *       server-error share at or above the threshold is DOWN; else any traffic is UP. Without traffic there is no
 *       judgement at all: metrics go silent when nobody calls the endpoint, which says nothing about it.</li>
 *   <li>Anything else (GPU and host tiles): no judgement.</li>
 * </ul>
 */
public final class AvailabilityRule {
    /** Provider availability at or above this (percent) counts as up: e.g. blackbox probe_success averaged. */
    static final double AVAILABLE_PCT = 50;

    private final double serverErrorPct;

    /** @param serverErrorPct server-error share (percent, 0 < x <= 100) from which a period counts as down */
    public AvailabilityRule(double serverErrorPct) {
        if (!(serverErrorPct > 0 && serverErrorPct <= 100)) {
            throw new IllegalArgumentException("server error threshold must be above 0 and at most 100 %, was "
                    + serverErrorPct);
        }
        this.serverErrorPct = serverErrorPct;
    }

    public double serverErrorPct() {
        return serverErrorPct;
    }

    /** The judgement, or empty when the reading is no evidence either way. */
    public Optional<Availability> judge(Reading r) {
        return Optional.ofNullable(verdict(r)).map(Verdict::state);
    }

    /**
     * The judgement as an observation of endpoint {@code r.key().host()} at {@code r.sampledAt()}, valid for
     * {@code validFor} (the probe or source interval), with the reason when not up.
     */
    public Optional<AvailabilityObservation> observe(Reading r, Duration validFor) {
        Verdict v = verdict(r);
        if (v == null) {
            return Optional.empty();
        }
        return Optional.of(new AvailabilityObservation(r.key().host(), r.sampledAt(), v.state, validFor, v.detail));
    }

    private Verdict verdict(Reading r) {
        TileKind kind = r.key().kind();
        if (kind == TileKind.PROBE) {
            Double up = r.value(Metric.PROBE_UP);
            if (up == null) {
                return new Verdict(Availability.UNKNOWN, orElse(r.model(), "probe could not judge"));
            }
            return up >= 0.5 ? new Verdict(Availability.UP, null)
                    : new Verdict(Availability.DOWN, orElse(r.model(), "probe failed"));
        }
        if (kind != TileKind.ENDPOINT) {
            return null;
        }
        Double availability = r.value(Metric.AVAILABILITY_PCT);
        if (availability != null) {
            return availability >= AVAILABLE_PCT ? new Verdict(Availability.UP, null)
                    : new Verdict(Availability.DOWN, "availability " + pct(availability) + " (provider)");
        }
        Double serverErrors = r.value(Metric.SERVER_ERROR_PCT);
        if (serverErrors != null && serverErrors >= serverErrorPct) {
            return new Verdict(Availability.DOWN, "server errors " + pct(serverErrors) + " (provider)");
        }
        Double rpm = r.value(Metric.REQUESTS_PM);
        if (rpm != null && rpm > 0) {
            return new Verdict(Availability.UP, null);
        }
        return null;
    }

    private static String orElse(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    private static String pct(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f %%", v) : String.format(Locale.ROOT, "%.1f %%", v);
    }

    private record Verdict(Availability state, String detail) {
    }
}
