package io.watchfloor.app.ui.usage;

import io.watchfloor.usage.EndpointUsage;
import io.watchfloor.usage.SlaSummary;
import java.util.List;
import java.util.Objects;

/**
 * The SLA of a whole scope for its summary card: up and down time summed over the endpoints that were measured, the
 * error budgets summed likewise. Targets can differ per endpoint, so the card names the strictest and the loosest.
 */
record ScopeSla(double upSeconds, double downSeconds, double budgetSeconds, double budgetUsedSeconds,
                double minTargetPct, double maxTargetPct, int measured) {

    /** Null when no endpoint of the report has SLA data. */
    static ScopeSla of(List<EndpointUsage> endpoints) {
        List<SlaSummary> slas = endpoints.stream().map(EndpointUsage::sla).filter(Objects::nonNull)
                .filter(SlaSummary::measured).toList();
        if (slas.isEmpty()) {
            return null;
        }
        return new ScopeSla(slas.stream().mapToDouble(SlaSummary::upSeconds).sum(),
                slas.stream().mapToDouble(SlaSummary::downSeconds).sum(),
                slas.stream().mapToDouble(SlaSummary::budgetSeconds).sum(),
                slas.stream().mapToDouble(SlaSummary::budgetUsedSeconds).sum(),
                slas.stream().mapToDouble(SlaSummary::targetPct).min().orElseThrow(),
                slas.stream().mapToDouble(SlaSummary::targetPct).max().orElseThrow(), slas.size());
    }

    double uptimePct() {
        return 100.0 * upSeconds / (upSeconds + downSeconds);
    }

    /** Met when the scope's uptime reaches the strictest target (a customer is promised each endpoint's). */
    boolean met() {
        return uptimePct() >= maxTargetPct;
    }

    Double budgetUsedPct() {
        return budgetSeconds <= 0 ? null : 100.0 * budgetUsedSeconds / budgetSeconds;
    }

    String targetText() {
        return minTargetPct == maxTargetPct ? UsageFormat.pct(maxTargetPct).replace(" %", "") + " %"
                : UsageFormat.pct(minTargetPct).replace(" %", "") + "–" + UsageFormat.pct(maxTargetPct);
    }
}
