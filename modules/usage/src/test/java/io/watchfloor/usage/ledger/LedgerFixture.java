package io.watchfloor.usage.ledger;

import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKey;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A real cache file in a temp folder with the ledger on it, and readings to feed it. */
final class LedgerFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2025-03-03T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    final Path dir;
    H2TelemetryStore store;
    UsageLedger ledger;

    LedgerFixture(Path dir) {
        this.dir = dir;
        open();
    }

    void open() {
        store = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, CLOCK);
        ledger = UsageLedger.open(store.database(), CLOCK);
    }

    /** Flushes the ledger and closes the cache, as the console does at exit; then opens both again. */
    void reopen() {
        close();
        open();
    }

    @Override
    public void close() {
        ledger.close();
        store.close();
    }

    static Reading endpoint(String id, Instant at, Map<Metric, Double> metrics) {
        return new Reading(TileKey.endpoint(id), null, "provider", at, metrics, Set.of());
    }

    static Reading gpu(String host, String index, Instant at, Map<Metric, Double> metrics) {
        return new Reading(TileKey.gpu(host, index, null, null), "H100", "dcgm", at, metrics, Set.of());
    }

    /** Endpoint readings every {@code everySeconds} from {@code from} to {@code to}, both included. */
    static List<Reading> endpointEvery(String id, Instant from, Instant to, long everySeconds,
                                       Map<Metric, Double> metrics) {
        List<Reading> out = new ArrayList<>();
        for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(everySeconds)) {
            out.add(endpoint(id, t, metrics));
        }
        return out;
    }

    static Instant min(long minutes) {
        return T0.plusSeconds(minutes * 60);
    }
}
