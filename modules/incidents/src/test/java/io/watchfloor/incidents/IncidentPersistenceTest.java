package io.watchfloor.incidents;

import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.model.incident.AlertState;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.watchfloor.incidents.Desk.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is stored comes back whole after a restart; sinks write in the same transaction as the change. */
class IncidentPersistenceTest {
    @TempDir
    Path dir;

    private Desk d;

    @AfterEach
    void close() {
        if (d != null) {
            d.close();
        }
    }

    /**
     * A notification outbox in the test's own table: it writes on the transaction's connection and, when told
     * to, refuses (as a full disk or a broken outbox table would).
     */
    static final class OutboxSink implements IncidentEventSink {
        volatile boolean refuse;
        final List<String> seenInTransaction = new ArrayList<>();
        final List<IncidentEvent> committed = new ArrayList<>();

        @Override
        public void record(Connection c, IncidentEvent event) throws SQLException {
            // the incident's row is there on this connection: the sink runs inside the transaction that wrote it
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM incidents WHERE number = ?")) {
                ps.setLong(1, event.incident().number());
                try (ResultSet rs = ps.executeQuery()) {
                    seenInTransaction.add(rs.next() ? event.kind() + " " + rs.getString(1) : event.kind() + " missing");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO test_outbox (incident_number, kind)"
                    + " VALUES (?, ?)")) {
                ps.setLong(1, event.incident().number());
                ps.setString(2, event.kind().name());
                ps.executeUpdate();
            }
            if (refuse) {
                throw new SQLException("outbox is full");
            }
        }

        @Override
        public void committed(IncidentEvent event) {
            committed.add(event);
        }
    }

    @Test
    void aRestartReadsBackEveryIncidentExactlyAsItWasShown() throws Exception {
        d = new Desk(dir);
        d.ingest(d.alert("x4", AlertState.ACTIVE, d.clock.instant().minusMillis(61_234),
                Map.of("summary", "Xid 79 on gpu-03 GPU 4"), "alertname", "GpuXidErrors", "host", "gpu-03",
                "gpu", "4", "severity", "critical", "endpoint", "chat-prod"));
        d.ingest(d.alert("s", AlertState.SILENCED, Duration.ZERO, "alertname", "GpuMemoryHigh", "host", "gpu-01"));
        d.advance(Duration.ofMinutes(16));
        await(d.service.checkDeadlines());
        await(d.service.acknowledge("INC-1", "ana"));
        await(d.service.setSeverity("INC-1", Severity.P2, "ana"));
        await(d.service.setStep("INC-1", "generic/confirm", true, "ana"));
        await(d.service.addNote("INC-1", "dmesg: NVRM: Xid (PCI:0000:41:00): 79, GPU has fallen off the bus\n"
                + "second line, \u00e9t\u00e9 \ud83d\udd25", "ana"));
        await(d.service.attachSnapshot("INC-1", "wall", new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
                '\n', 1, 2, 3}, "ana"));
        await(d.service.link("INC-1", List.of("gpu-07"), List.of(), "ana"));
        await(d.service.moveTo("INC-1", IncidentStatus.RESOLVED, "ana", "drained by the scheduler"));
        await(d.service.updatePostmortem("INC-1", new Postmortem("GPU fell off the bus", "no spare", "hardware",
                "replaced", List.of(new ActionItem("Spare node", "ana", LocalDate.parse("2026-12-01")))), "ana"));
        await(d.service.open(new NewIncident("Customer reports timeouts", Severity.P1, List.of(),
                List.of("chat-prod")), "bob"));
        d.ingest(); // the alert resolves on the resolved incident too
        IncidentBoard before = d.service.board();
        assertThat(before.incidents()).hasSize(2);
        assertThat(before.find("INC-1").alerts().get(0).state()).isEqualTo(AlertState.RESOLVED);

        d.restart();

        assertThat(d.service.board().incidents()).isEqualTo(before.incidents());
        assertThat(d.service.find("INC-1")).hasValue(before.find("INC-1"));
        Incident i = before.find("INC-1");
        assertThat(i.responseBreachedAt()).isNotNull();
        assertThat(i.severityPinned()).isTrue();
        // numbering goes on after the restart
        Incident third = await(d.service.open(new NewIncident("Third", Severity.P4, List.of(), List.of()), "bob"));
        assertThat(third.id()).isEqualTo("INC-3");
    }

    @Test
    void sinksWriteInTheSameTransactionAndARefusingSinkUndoesTheWholeCommand() throws Exception {
        OutboxSink outbox = new OutboxSink();
        d = new Desk(dir, TestRunbooks.standard(), IncidentsConfig.DEFAULTS, List.of(outbox));
        d.cache.database().durable(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE test_outbox (incident_number BIGINT NOT NULL, kind VARCHAR(32) NOT NULL)");
            }
            return null;
        });
        d.ingest(d.alert("x4", AlertState.ACTIVE, Duration.ZERO, "alertname", "GpuXidErrors", "host", "gpu-03",
                "severity", "critical"));
        assertThat(outbox.seenInTransaction).containsExactly("OPENED triage");
        assertThat(d.rows("test_outbox")).isEqualTo(1);

        outbox.refuse = true;
        Incident shown = d.only();
        long entries = d.rows("incident_timeline");
        assertThatThrownBy(() -> await(d.service.acknowledge("INC-1", "ana")))
                .isInstanceOfSatisfying(IncidentException.class,
                        e -> assertThat(e.kind()).isEqualTo(IncidentException.Kind.STORE_FAILED))
                .hasMessage("not saved: outbox is full");
        // nothing of it is stored: not the acknowledgement, not its timeline entries, not the outbox row
        assertThat(outbox.seenInTransaction).containsExactly("OPENED triage", "ACKNOWLEDGED investigating");
        assertThat(d.rows("test_outbox")).isEqualTo(1);
        assertThat(d.rows("incident_timeline")).isEqualTo(entries);
        assertThat(d.service.find("INC-1")).hasValue(shown);
        assertThat(d.only()).isEqualTo(shown);
        assertThat(d.service.board().storeProblem()).isEqualTo("the last change was not saved: outbox is full");
        assertThat(outbox.committed).extracting(IncidentEvent::kind).containsExactly(IncidentEvent.Kind.OPENED);

        // the same command goes through once the sink takes it, and the problem leaves the board
        outbox.refuse = false;
        assertThat(await(d.service.acknowledge("INC-1", "ana")).acknowledgedBy()).isEqualTo("ana");
        assertThat(d.rows("test_outbox")).isEqualTo(2);
        assertThat(d.service.board().storeProblem()).isNull();
        assertThat(outbox.committed).extracting(IncidentEvent::kind)
                .containsExactly(IncidentEvent.Kind.OPENED, IncidentEvent.Kind.ACKNOWLEDGED);
    }

    @Test
    void aRefusedIngestIsTriedAgainByTheNextPoll() throws Exception {
        OutboxSink outbox = new OutboxSink();
        d = new Desk(dir, TestRunbooks.standard(), IncidentsConfig.DEFAULTS, List.of(outbox));
        d.cache.database().durable(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE test_outbox (incident_number BIGINT NOT NULL, kind VARCHAR(32) NOT NULL)");
            }
            return null;
        });
        outbox.refuse = true;
        var alert = d.alert("x4", AlertState.ACTIVE, Duration.ZERO, "alertname", "GpuXidErrors", "host", "gpu-03");
        assertThatThrownBy(() -> d.ingest(alert)).isInstanceOf(IncidentException.class);
        assertThat(d.rows("incidents")).isZero();
        assertThat(d.service.board().incidents()).isEmpty();

        outbox.refuse = false;
        d.advance(Duration.ofSeconds(5));
        d.ingest(alert);
        assertThat(d.only().id()).as("no number was used up by the failed open").isEqualTo("INC-1");
    }

    @Test
    void subscribersGetEveryBoardOnTheIncidentsThread() throws Exception {
        d = new Desk(dir);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> two = new CompletableFuture<>();
        AutoCloseable sub = d.service.subscribe(b -> {
            seen.add(Thread.currentThread().getName() + ":" + b.incidents().size());
            if (b.incidents().size() == 2) {
                two.complete(null);
            }
        });
        await(d.service.open(new NewIncident("one", Severity.P2, List.of(), List.of()), "ana"));
        await(d.service.open(new NewIncident("two", Severity.P2, List.of(), List.of()), "ana"));
        two.get(10, TimeUnit.SECONDS);
        assertThat(seen).containsExactly("watchfloor-incidents:0", "watchfloor-incidents:1", "watchfloor-incidents:2");
        sub.close();
        await(d.service.addNote("INC-1", "after unsubscribing", "ana"));
        assertThat(seen).hasSize(3);
    }

    @Test
    void commandsAfterCloseFailClearly() {
        d = new Desk(dir);
        d.service.close();
        assertThatThrownBy(() -> await(d.service.open(new NewIncident("late", Severity.P2, List.of(), List.of()),
                "ana"))).isInstanceOf(IncidentException.class).hasMessage("not saved: the incident desk is closed");
    }

    @Test
    void theActorDefaultsToTheConfiguredUser() {
        IncidentsConfig withUser = new IncidentsConfig("severity", Map.of(), Severity.P3, Map.of(),
                IncidentsConfig.DEFAULTS.groupBy(), null, "noc-wall");
        d = new Desk(dir, TestRunbooks.standard(), withUser, List.of());
        Incident i = await(d.service.open(new NewIncident("by the wall", Severity.P2, List.of(), List.of()), null));
        assertThat(i.timeline().get(0).actor()).isEqualTo("noc-wall");
    }
}
