package io.watchfloor.usage;

/**
 * An endpoint's SLA over a report window, from the availability ledger, counted as on the Endpoints page: time in
 * maintenance is left out, time without evidence is unknown (never down).
 *
 * @param uptimePct         up / (up + down), null when nothing was measured
 * @param budgetSeconds     (1 - target/100) x (window length - maintenance)
 * @param budgetUsedSeconds the down time, i.e. the error budget consumed
 */
public record SlaSummary(double targetPct, double upSeconds, double downSeconds, double unknownSeconds,
                         double maintenanceSeconds, Double uptimePct, double budgetSeconds, double budgetUsedSeconds) {

    public boolean measured() {
        return upSeconds + downSeconds > 0;
    }

    public boolean met() {
        return uptimePct != null && uptimePct >= targetPct;
    }
}
