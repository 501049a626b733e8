package io.watchfloor.usage.ledger;

import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.watchfloor.usage.ledger.LedgerFixture.CLOCK;
import static io.watchfloor.usage.ledger.LedgerFixture.T0;
import static io.watchfloor.usage.ledger.LedgerFixture.endpoint;
import static io.watchfloor.usage.ledger.LedgerFixture.endpointEvery;
import static io.watchfloor.usage.ledger.LedgerFixture.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageRecordingStoreTest {
    @TempDir
    Path dir;

    private static final Map<Metric, Double> RPM_60 = Map.of(Metric.REQUESTS_PM, 60.0);

    @Test
    void recordsTelemetryAndFeedsTheLedger() {
        try (UsageRecordingStore store = UsageRecordingStore.wrap(
                H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, CLOCK), CLOCK)) {
            store.record(endpointEvery("chat", T0, min(10), 60, RPM_60));
            store.maintain(min(13));
            assertEquals(600, store.ledger().totals(List.of("chat"), T0, min(10)).get("chat").requests(), 1e-9);
            assertEquals(1, store.latest().size());
            store.record(List.of(endpoint("chat", min(11), RPM_60)));
        }
        // close wrote the open minute
        try (UsageRecordingStore store = UsageRecordingStore.wrap(
                H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, CLOCK), CLOCK)) {
            assertEquals(660, store.ledger().totals(List.of("chat"), T0, min(11)).get("chat").requests(), 1e-9);
        }
    }

    @Test
    void aBrokenLedgerNeverStopsTelemetry() throws Exception {
        try (UsageRecordingStore store = UsageRecordingStore.wrap(
                H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, CLOCK), CLOCK)) {
            store.database().read(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE usage_minutes");
                }
                return null;
            });
            for (int round = 0; round < 3; round++) {
                store.record(endpointEvery("chat", min(round * 10L), min(round * 10L + 9), 60, RPM_60));
                store.maintain(min(round * 10L + 15)); // the ledger's flush fails here, every time
            }
            List<Reading> latest = store.latest();
            assertEquals(1, latest.size());
            assertEquals(min(29), latest.get(0).sampledAt());
            assertTrue(store.series("endpoint:chat/rpm", T0, min(30)) != null);
        }
        // close's flush failed too, yet the cache closed and opens again with its telemetry
        try (H2TelemetryStore cache = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, CLOCK)) {
            assertEquals(min(29), cache.latest().get(0).sampledAt());
        }
    }
}
