package io.watchfloor.model;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One immutable observation of a tile at {@code sampledAt}. A metric that is absent from
 * {@code metrics} has no reading (not supported, blank DCGM sentinel, NaN): it is never zero.
 *
 * @param model    device model ("NVIDIA H100 80GB HBM3"), null when unknown
 * @param sourceId the configured source id that produced it
 * @param notes    short operator texts that explain the flags, most important first ("Xid 79: GPU has fallen off
 *                 the bus", "held by python3 (pid 4412, 61.2 GiB)", "unreachable: connection refused"); live only,
 *                 the cache does not keep them
 */
public record Reading(TileKey key, String model, String sourceId, Instant sampledAt,
                      Map<Metric, Double> metrics, Set<Flag> flags, List<String> notes) {

    public Reading {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(sampledAt, "sampledAt");
        EnumMap<Metric, Double> m = new EnumMap<>(Metric.class);
        metrics.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                m.put(k, v);
            }
        });
        metrics = Collections.unmodifiableMap(m);
        flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A reading without notes. */
    public Reading(TileKey key, String model, String sourceId, Instant sampledAt,
                   Map<Metric, Double> metrics, Set<Flag> flags) {
        this(key, model, sourceId, sampledAt, metrics, flags, List.of());
    }

    /** The value, or null when there is no reading. */
    public Double value(Metric metric) {
        return metrics.get(metric);
    }

    public boolean has(Metric metric) {
        return metrics.containsKey(metric);
    }

    public String tileId() {
        return key.id();
    }
}
