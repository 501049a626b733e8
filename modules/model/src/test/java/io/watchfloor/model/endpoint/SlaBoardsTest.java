package io.watchfloor.model.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaBoardsTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @Test
    void everyEndpointGetsEveryWindowFromOneReadWithItsOwnTargetAndMaintenance() {
        Instant downFrom = NOW.minus(Duration.ofHours(2));
        Map<String, List<AvailabilitySegment>> stored = Map.of(
                "a", List.of(new AvailabilitySegment("a", Availability.UP, NOW.minus(Duration.ofDays(100)), downFrom,
                        null), new AvailabilitySegment("a", Availability.DOWN, downFrom, NOW, "HTTP 503")),
                "b", List.of(new AvailabilitySegment("b", Availability.UP, NOW.minus(Duration.ofHours(1)),
                        NOW.plusSeconds(10), null)));
        List<String> reads = new ArrayList<>();
        AvailabilityHistory history = (id, from, to) -> {
            reads.add(id + " " + from + " " + to);
            return stored.getOrDefault(id, List.of());
        };
        Map<String, Double> targets = new LinkedHashMap<>();
        targets.put("a", 99.0);
        targets.put("b", 99.5);
        targets.put("never-seen", 99.9);
        List<MaintenanceWindow> maintenance = List.of(
                new MaintenanceWindow("a", downFrom, downFrom.plus(Duration.ofHours(1)), "planned"));

        SlaBoard board = SlaBoards.compute(history, targets, maintenance, NOW, ZoneOffset.UTC);

        Instant from = NOW.minus(Duration.ofDays(90));
        assertThat(reads).containsExactly("a " + from + " " + NOW, "b " + from + " " + NOW,
                "never-seen " + from + " " + NOW);
        assertThat(board.computedAt()).isEqualTo(NOW);
        assertThat(board.figures()).containsOnlyKeys("a", "b", "never-seen");
        assertThat(board.figures().get("a")).containsOnlyKeys(SlaWindow.values());

        SlaFigures a = board.get("a", SlaWindow.LAST_24H);
        assertThat(a.targetPct()).isEqualTo(99.0);
        assertThat(a.downSeconds()).isEqualTo(3600.0);
        assertThat(a.maintenanceSeconds()).isEqualTo(3600.0);
        assertThat(board.get("b", SlaWindow.LAST_24H).upSeconds()).isEqualTo(3600.0);
        assertThat(board.get("b", SlaWindow.LAST_24H).uptimePct()).isEqualTo(100.0);
        assertThat(board.get("never-seen", SlaWindow.LAST_90D).uptimePct()).isNull();
        assertThat(board.get("never-seen", SlaWindow.LAST_90D).unknownSeconds()).isEqualTo(90 * 86_400.0);
    }
}
