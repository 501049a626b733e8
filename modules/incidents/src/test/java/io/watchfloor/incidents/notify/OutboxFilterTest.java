package io.watchfloor.incidents.notify;

import static io.watchfloor.incidents.notify.NotifyHarness.filtered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.config.NotificationConfig;
import io.watchfloor.config.NotificationConfig.Event;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentEvent;
import io.watchfloor.model.incident.Severity;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which channel gets which event: the outbox rows written inside the incident's transaction (the dispatcher is
 * not started: nothing is sent).
 */
class OutboxFilterTest {
    private static final URI NOWHERE = URI.create("https://hooks.example.invalid/services/T0/B0/secretsecret");

    @TempDir
    Path dir;
    private NotifyHarness h;

    @BeforeEach
    void setUp() {
        h = new NotifyHarness(dir);
        h.dispatcher(
                NotifyHarness.slack("slack-all", NOWHERE),
                filtered(NotifyHarness.pagerDuty("pd-p2", URI.create("https://events.example.invalid/v2/enqueue")),
                        EnumSet.allOf(Event.class), Severity.P2),
                filtered(NotifyHarness.teams("teams-resolved", NOWHERE), Set.of(Event.RESOLVED), Severity.P4));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private List<String> rows() throws SQLException {
        return h.rows().stream().map(r -> r.get("incident_id") + " " + r.get("event_kind") + " -> " + r.get("channel_id"))
                .toList();
    }

    @Test
    void eachChannelGetsTheEventsAndSeveritiesItAskedFor() throws Exception {
        Incident p1 = IncidentFixture.p1().number(1).build();
        Incident p2 = IncidentFixture.p1().number(2).severity(Severity.P2).acknowledged("alice", Duration.ofMinutes(1)).build();
        Incident p3 = IncidentFixture.p1().number(3).severity(Severity.P3).build();
        Incident p3Resolved = IncidentFixture.p1().number(3).severity(Severity.P3).resolved(Duration.ofHours(1)).build();

        h.commit(IncidentFixture.opened(p1));
        h.commit(IncidentFixture.acknowledgedEvent(p2));
        h.commit(IncidentFixture.opened(p3));
        h.commit(IncidentFixture.resolvedEvent(p3Resolved, "bob"));

        assertThat(rows()).containsExactly(
                "INC-1 opened -> slack-all",
                "INC-1 opened -> pd-p2",
                "INC-2 acknowledged -> slack-all",
                "INC-2 acknowledged -> pd-p2",
                "INC-3 opened -> slack-all",
                // P3 is below pd-p2's minSeverity P2; teams-resolved wants only resolved
                "INC-3 resolved -> slack-all",
                "INC-3 resolved -> teams-resolved");
    }

    @Test
    void otherIncidentEventsAreNotPosted() throws Exception {
        Incident i = IncidentFixture.p1().build();
        for (IncidentEvent.Kind k : List.of(IncidentEvent.Kind.REOPENED, IncidentEvent.Kind.CLOSED,
                IncidentEvent.Kind.SEVERITY_CHANGED)) {
            h.commit(new IncidentEvent(k, i, IncidentFixture.T0, "alice"));
        }
        assertThat(rows()).isEmpty();
    }

    @Test
    void aRolledBackActionLeavesNoMessage() throws Exception {
        IncidentEvent opened = IncidentFixture.opened(IncidentFixture.p1().build());
        assertThatThrownBy(() -> h.db.durable(c -> {
            h.dispatcher.outbox().record(c, opened);
            throw new SQLException("the incident insert failed");
        })).isInstanceOf(SQLException.class);

        assertThat(rows()).isEmpty();
    }

    @Test
    void theMessageIsRenderedWhenTheEventHappens() throws Exception {
        h.commit(IncidentFixture.opened(IncidentFixture.p1().build()));

        String stored = (String) h.rows().get(0).get("payload");
        assertThat(stored).contains("\"text\":\"\\uD83D\\uDD34 P1 INC-7 opened: GPU Xid errors on gpu-03\"".replace(
                "\\uD83D\\uDD34", "\uD83D\uDD34")).contains("*Lead*\\nunassigned");
        assertThat(stored).as("the URL is configuration, not data").doesNotContain("secretsecret");
    }

    @Test
    void aChannelWithoutTheEventsGetsNothing() {
        NotificationConfig none = filtered(NotifyHarness.slack("s", NOWHERE), Set.of(Event.ACKNOWLEDGED), Severity.P1);
        assertThat(NotificationOutbox.wants(none, Event.OPENED, Severity.P1)).isFalse();
        assertThat(NotificationOutbox.wants(none, Event.ACKNOWLEDGED, Severity.P1)).isTrue();
        assertThat(NotificationOutbox.wants(none, Event.ACKNOWLEDGED, Severity.P2)).isFalse();
    }
}
