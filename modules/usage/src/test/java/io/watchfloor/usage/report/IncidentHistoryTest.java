package io.watchfloor.usage.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.store.IncidentStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentHistoryTest {
    @TempDir
    Path dir;

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    @Test
    void readsIncidentsOfTheEndpointsOpenDuringTheWindow() throws Exception {
        try (H2TelemetryStore cache = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null)) {
            IncidentHistory history = IncidentHistory.of(cache.database());
            IncidentStore store = IncidentStore.open(cache.database());
            List<Incident> all = List.of(
                    ReportBuilderTest.incident(1, "overlaps the start", t("2026-11-01T22:00:00Z"),
                            t("2026-11-02T01:00:00Z"), List.of("chat")),
                    ReportBuilderTest.incident(2, "still open", t("2026-11-05T00:00:00Z"), null, List.of("embed", "x")),
                    ReportBuilderTest.incident(3, "resolved before", t("2026-11-01T00:00:00Z"),
                            t("2026-11-02T00:00:00Z"), List.of("chat")),
                    ReportBuilderTest.incident(4, "after", t("2026-11-09T00:00:00Z"), null, List.of("chat")),
                    ReportBuilderTest.incident(5, "other endpoint", t("2026-11-03T00:00:00Z"), null, List.of("x")));
            cache.database().durable(c -> {
                for (Incident i : all) {
                    store.save(c, null, i);
                }
                return null;
            });
            List<Incident> found = history.touching(List.of("chat", "embed"), t("2026-11-02T00:00:00Z"),
                    t("2026-11-09T00:00:00Z"));
            assertEquals(List.of("INC-1", "INC-2"), found.stream().map(Incident::id).toList());
            assertEquals(List.of("embed", "x"), found.get(1).endpoints());
            assertTrue(history.touching(List.of(), t("2026-11-02T00:00:00Z"), t("2026-11-09T00:00:00Z")).isEmpty());
        }
    }
}
