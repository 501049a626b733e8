package io.watchfloor.model.endpoint;

import java.time.Instant;

/**
 * An endpoint's SLA over one window, all durations in seconds.
 *
 * <p>uptime = up / (up + down): time in maintenance and unknown time (no evidence, or the console's own network was
 * down) are left out of both. The error budget is what the target allows to be down over the whole period less its
 * maintenance: budget = (1 - target/100) x (period - maintenance), where the period is the window's length and, for
 * the calendar month, the whole month (so at 99.5 % November's budget is 3 h 36 m from the 1st on);
 * budgetLeft = budget - down (negative once overspent). The burn rate is the share of the measured time that was down
 * divided by the share the target allows (1.0 spends the budget exactly over the window; above 1 spends it early).
 *
 * @param uptimePct null when nothing was measured in the window
 * @param burnRate  null when nothing was measured
 */
public record SlaFigures(SlaWindow window, Instant from, Instant to, double targetPct, double upSeconds,
                         double downSeconds, double unknownSeconds, double maintenanceSeconds, Double uptimePct,
                         double budgetSeconds, double budgetLeftSeconds, Double burnRate) {
}
