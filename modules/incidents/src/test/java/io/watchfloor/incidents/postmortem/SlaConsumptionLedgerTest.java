package io.watchfloor.incidents.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.incidents.Incident;
import io.watchfloor.model.endpoint.Availability;
import io.watchfloor.model.endpoint.AvailabilityObservation;
import io.watchfloor.model.endpoint.AvailabilitySegment;
import io.watchfloor.model.endpoint.MaintenanceWindow;
import io.watchfloor.model.incident.IncidentStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SLA minutes from a real cache: observations go through the ledger's rules, segments come back from H2. */
class SlaConsumptionLedgerTest {
    private static final Instant D = IncidentBuilder.DETECTED;
    private static final Duration PROBE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    private H2TelemetryStore store;

    @BeforeEach
    void open() {
        store = H2TelemetryStore.open(dataDir, RetentionPolicy.DEFAULTS, null);
        // chat-eu probed every 30 s: up from 5 min before detection, down from +3 min to +10 min, then up to +20 min
        List<AvailabilityObservation> obs = new ArrayList<>();
        for (int s = -300; s < 1200; s += 30) {
            Availability state = s >= 180 && s < 600 ? Availability.DOWN : Availability.UP;
            obs.add(new AvailabilityObservation("chat-eu", D.plusSeconds(s), state, PROBE,
                    state == Availability.DOWN ? "HTTP 503" : null));
        }
        store.recordAvailability(obs);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void downMinutesBetweenDetectionAndResolutionComeFromTheLedger() {
        SlaConsumption c = SlaConsumption.compute(store, List.of(), "chat-eu", D, D.plusSeconds(900));
        assertThat(c.measured()).isTrue();
        assertThat(c.downSeconds()).isCloseTo(420, within(0.001));
        assertThat(c.upSeconds()).isCloseTo(480, within(0.001));
        assertThat(c.unknownSeconds()).isCloseTo(0, within(0.001));
    }

    @Test
    void maintenanceIsTakenOutOfTheDownTime() {
        List<MaintenanceWindow> m = List.of(new MaintenanceWindow("chat-eu", D.plusSeconds(480), D.plusSeconds(540),
                "planned"), new MaintenanceWindow(null, D.plusSeconds(500), D.plusSeconds(560), "all endpoints"));
        SlaConsumption c = SlaConsumption.compute(store, m, "chat-eu", D, D.plusSeconds(900));
        assertThat(c.downSeconds()).isCloseTo(420 - 80, within(0.001));
        assertThat(c.maintenanceSeconds()).isCloseTo(80, within(0.001));
    }

    @Test
    void timeAfterTheLastObservationIsNotMeasuredNotDown() {
        // still open an hour after detection: the ledger's evidence ends at +20 min
        SlaConsumption c = SlaConsumption.compute(store, List.of(), "chat-eu", D, D.plusSeconds(3600));
        assertThat(c.downSeconds()).isCloseTo(420, within(0.001));
        assertThat(c.unknownSeconds()).isCloseTo(3600 - 1200, within(0.001));
    }

    @Test
    void anEndpointTheLedgerNeverSawHasNoData() {
        SlaConsumption c = SlaConsumption.compute(store, List.of(), "chat-us", D, D.plusSeconds(900));
        assertThat(c.measured()).isFalse();
        assertThat(c.unknownSeconds()).isCloseTo(900, within(0.001));
    }

    @Test
    void thePostmortemShowsTheLedgersMinutes() {
        IncidentBuilder b = new IncidentBuilder();
        b.status = IncidentStatus.RESOLVED;
        b.acknowledgedAt = D.plusSeconds(60);
        b.resolvedAt = D.plusSeconds(900);
        b.endpoints.addAll(List.of("chat-eu", "chat-us"));
        Incident i = b.build();
        String md = new PostmortemWriter(store, List.of()).render(i, D.plusSeconds(7200));
        assertThat(md).contains("| chat-eu | 7.0 | 15.0 | 0.0 | 0.0 |");
        assertThat(md).contains("| chat-us | no SLA data | 0.0 | 15.0 | 0.0 |");
    }

    @Test
    void stretchesLongerThanTheCalculatorsLongestWindowAreCountedWhole() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = from.plus(Duration.ofDays(200));
        List<AvailabilitySegment> down = List.of(new AvailabilitySegment("x", Availability.DOWN,
                from.minus(Duration.ofDays(1)), to.plus(Duration.ofDays(1)), "HTTP 503"));
        SlaConsumption c = SlaConsumption.compute((e, f, t) -> down, List.of(
                new MaintenanceWindow("x", from.plus(Duration.ofDays(89)), from.plus(Duration.ofDays(91)), null)),
                "x", from, to);
        assertThat(c.downSeconds()).isCloseTo(198 * 86_400.0, within(0.001));
        assertThat(c.maintenanceSeconds()).isCloseTo(2 * 86_400.0, within(0.001));
        assertThat(c.upSeconds()).isZero();
    }
}
