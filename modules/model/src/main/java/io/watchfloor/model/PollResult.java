package io.watchfloor.model;

import java.util.List;

/**
 * What one poll cycle of a source returned.
 *
 * @param warnings non-fatal problems (a query failed while others worked, server warnings);
 *                 any warning makes the source DEGRADED instead of UP
 * @param requests how many requests the cycle made (shown as polling cost)
 */
public record PollResult(List<Reading> readings, List<String> warnings, int requests) {
    public PollResult {
        readings = List.copyOf(readings);
        warnings = List.copyOf(warnings);
    }

    public static PollResult of(List<Reading> readings) {
        return new PollResult(readings, List.of(), 1);
    }
}
