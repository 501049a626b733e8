package io.watchfloor.app.ui.incidents;

import static io.watchfloor.app.ui.incidents.IncidentFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.incidents.IncidentException;
import io.watchfloor.incidents.Incident;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class IncidentFormatTest {
    @Test
    void theResponseTimerCountsDownThenShowsTheBreachThenTheTimeToAcknowledge() {
        Incident p1 = IncidentFixtures.gpuXid(0);
        assertThat(IncidentFormat.timer(p1, T0)).isEqualTo("ack in 12:41");
        // cut, never rounded up: 00:00 only in the very last second
        assertThat(IncidentFormat.timer(p1, T0.plusMillis(761_000 - 400))).isEqualTo("ack in 00:00");
        assertThat(IncidentFormat.timerClass(p1, T0)).isEqualTo("timer-counting");
        assertThat(IncidentFormat.timerClass(p1, T0.plusSeconds(500))).isEqualTo("timer-soon");
        assertThat(IncidentFormat.timer(p1, T0.plusSeconds(761 + 192))).isEqualTo("BREACHED +03:12");
        assertThat(IncidentFormat.timerClass(p1, T0.plusSeconds(800))).isEqualTo("timer-breached");
        assertThat(IncidentFormat.timer(IncidentFixtures.acked(), T0)).isEqualTo("acked 4m after");
        Incident late = IncidentBuilder.from(IncidentFixtures.breached()).acknowledged(T0, "ana").build();
        assertThat(IncidentFormat.timer(late, T0.plusSeconds(5))).isEqualTo("acked 1h 10m after · late");
        assertThat(IncidentFormat.timerClass(late, T0)).isEqualTo("timer-met-late");
        assertThat(IncidentFormat.timer(IncidentFixtures.low(), T0)).isEqualTo("ack in 24:00:00");
        // closed without an acknowledgement: the timer stopped with the incident
        Incident unacked = IncidentBuilder.from(IncidentFixtures.breached()).status(IncidentStatus.RESOLVED).build();
        assertThat(IncidentFormat.timer(unacked, T0.plusSeconds(3600))).isEqualTo("never acked");
    }

    @Test
    void spansAndFigures() {
        assertThat(IncidentFormat.span(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(IncidentFormat.span(Duration.ofSeconds(4 * 60 + 59))).isEqualTo("4m");
        assertThat(IncidentFormat.span(Duration.ofMinutes(72))).isEqualTo("1h 12m");
        assertThat(IncidentFormat.span(Duration.ofHours(51))).isEqualTo("2d 3h");
        assertThat(IncidentFormat.span(null)).isEqualTo("–");
        assertThat(IncidentFormat.responseFigures(IncidentFixtures.resolved())).isEqualTo("TTA 6m · TTM – · TTR 48m");
        assertThat(IncidentFormat.checklist(IncidentFixtures.gpuXid(0))).isEqualTo("1/3");
        assertThat(IncidentFormat.alerts(IncidentFixtures.gpuXid(0))).isEqualTo("1/2");
        assertThat(IncidentFormat.status(IncidentStatus.INVESTIGATING)).isEqualTo("Investigating");
    }

    @Test
    void aFailureReadsAsTheDesksMessageNeverAsAnExceptionName() {
        IncidentException refused = new IncidentException(IncidentException.Kind.STORE_FAILED, "disk full");
        assertThat(IncidentFormat.failure(new CompletionException(refused))).isEqualTo("disk full");
        assertThat(IncidentFormat.failure(new IllegalStateException())).isEqualTo("unexpected error (IllegalStateException)");
    }

    @Test
    void openIncidentsComeMostUrgentFirst() {
        List<Incident> all = List.of(IncidentFixtures.resolved(), IncidentFixtures.low(), IncidentFixtures.acked(),
                IncidentFixtures.breached(), IncidentFixtures.gpuXid(0),
                IncidentBuilder.incident(9, Severity.P1, "acked P1", T0).acknowledged(T0, "ana").build());
        assertThat(all.stream().sorted(IncidentOrder.urgency()).map(Incident::id))
                .containsExactly("INC-7", "INC-9", "INC-5", "INC-6", "INC-8", "INC-3");
        assertThat(IncidentOrder.open(all)).extracting(Incident::id).containsExactly("INC-7", "INC-9", "INC-5", "INC-6", "INC-8");
    }
}
