package io.watchfloor.usage.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads the usage ledger (implemented by {@link UsageLedger} on the cache's H2 file). May block on I/O. */
public interface UsageHistory {

    /** Sums per endpoint over [from, to); an endpoint without rows is absent from the map. */
    Map<String, UsageSums> totals(Collection<String> endpointIds, Instant from, Instant to);

    /**
     * Sums over all the given endpoints per step of {@code stepMillis} from {@code from} (steps aligned to from);
     * a step without any row is absent from the map (a gap). Keys are step starts in epoch millis, ascending.
     */
    java.util.NavigableMap<Long, UsageSums> steps(Collection<String> endpointIds, Instant from, Instant to,
                                                  long stepMillis);

    /** The GPU hours of these hosts in [from, to), ordered by tile then hour. */
    List<GpuHour> gpuHours(Collection<String> hosts, Instant from, Instant to);

    /** The first and last minute with any row, or null when the ledger is empty (for "data from ... to ..."). */
    default Map.Entry<Instant, Instant> span() {
        return null;
    }
}
