package io.watchfloor.access.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:42:00.123Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static AuditEntry entry(AuditEvent event, String host, String request, Map<String, String> details) {
        return new AuditEntry(event, "alice", "desk-7", host, request, "disk full on gpu-01", details);
    }

    private AuditLog logWith(int records) {
        AuditLog log = AuditLog.open(dir, CLOCK);
        for (int i = 1; i <= records; i++) {
            log.append(entry(i % 2 == 0 ? AuditEvent.COMMAND_RUN : AuditEvent.SESSION_START, "gpu-0" + i,
                    "req-" + i, Map.of("command", "nvidia-smi -q " + i, "exitCode", "0")));
        }
        return log;
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve("audit"), "", "");
             Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    @Test
    void chainLinksEachRecordToTheOneBefore() {
        try (AuditLog log = logWith(5)) {
            List<AuditRecord> records = log.records();
            assertThat(records).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(records.get(0).prevHash()).isEqualTo("0".repeat(64));
            for (int i = 1; i < records.size(); i++) {
                assertThat(records.get(i).prevHash()).isEqualTo(records.get(i - 1).hash());
            }
            assertThat(records.get(1).entry().details()).containsEntry("command", "nvidia-smi -q 2");
            assertThat(records.get(0).at()).isEqualTo(Instant.parse("2026-11-23T10:42:00.123Z"));

            VerifyResult result = log.verify();
            assertThat(result.ok()).isTrue();
            assertThat(result.records()).isEqualTo(5);
            assertThat(result.headHash()).isEqualTo(records.get(4).hash());
            assertThat(result.firstBrokenSeq()).isNull();
        }
    }

    @Test
    void emptyLogVerifiesWithTheGenesisHead() {
        try (AuditLog log = AuditLog.open(dir, CLOCK)) {
            assertThat(log.verify()).isEqualTo(new VerifyResult(true, 0, "0".repeat(64), null, null));
        }
    }

    @Test
    void triggerRefusesUpdatesAndDeletes() {
        logWith(2).close();
        assertThatThrownBy(() -> sql("UPDATE audit_record SET reason = 'nothing' WHERE seq = 1"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM audit_record WHERE seq = 2"))
                .hasMessageContaining("append-only");
    }

    @Test
    void changedFieldIsNamedWithItsSeq() throws SQLException {
        logWith(5).close();
        sql("DROP TRIGGER audit_record_append_only", "UPDATE audit_record SET reason = 'routine' WHERE seq = 3");
        try (AuditLog log = AuditLog.open(dir, CLOCK)) {
            VerifyResult result = log.verify();
            assertThat(result.ok()).isFalse();
            assertThat(result.firstBrokenSeq()).isEqualTo(3L);
            assertThat(result.problem()).startsWith("record 3 (session_start gpu-03 2026-11-23T10:42:00Z) was changed");
        }
    }

    @Test
    void changedDetailIsDetected() throws SQLException {
        logWith(4).close();
        sql("DROP TRIGGER audit_record_append_only",
                "UPDATE audit_record SET details = '{\"command\":\"true\",\"exitCode\":\"0\"}' WHERE seq = 4");
        try (AuditLog log = AuditLog.open(dir, CLOCK)) {
            assertThat(log.verify().firstBrokenSeq()).isEqualTo(4L);
        }
    }

    @Test
    void deletedMiddleRecordIsNamed() throws SQLException {
        logWith(5).close();
        sql("DROP TRIGGER audit_record_append_only", "DELETE FROM audit_record WHERE seq = 3");
        try (AuditLog log = AuditLog.open(dir, CLOCK)) {
            VerifyResult result = log.verify();
            assertThat(result.ok()).isFalse();
            assertThat(result.firstBrokenSeq()).isEqualTo(3L);
            assertThat(result.problem()).contains("record 3 is missing");
        }
    }

    @Test
    void deletedAndRenumberedRecordIsDetected() throws SQLException {
        logWith(5).close();
        sql("DROP TRIGGER audit_record_append_only", "DELETE FROM audit_record WHERE seq = 3",
                "UPDATE audit_record SET seq = seq - 1 WHERE seq > 3");
        try (AuditLog log = AuditLog.open(dir, CLOCK)) {
            assertThat(log.verify().firstBrokenSeq()).isEqualTo(3L);
        }
    }

    @Test
    void swappedRecordsAreDetected() throws SQLException {
        logWith(5).close();
        sql("DROP TRIGGER audit_record_append_only",
                "UPDATE audit_record SET seq = 100 WHERE seq = 2",
                "UPDATE audit_record SET seq = 2 WHERE seq = 4",
                "UPDATE audit_record SET seq = 4 WHERE seq = 100");
        try (AuditLog log = AuditLog.open(dir, CLOCK)) {
            VerifyResult result = log.verify();
            assertThat(result.ok()).isFalse();
            assertThat(result.firstBrokenSeq()).isEqualTo(2L);
        }
    }

    @Test
    void rewrittenRecordWithRecomputedHashBreaksTheNextLink() throws SQLException {
        try (AuditLog log = logWith(3)) {
            AuditRecord second = log.records().get(1);
            String forged = AuditHash.of(2, second.at(), new AuditEntry(AuditEvent.COMMAND_RUN, "alice", "desk-7",
                    "gpu-02", "req-2", "routine", second.entry().details()), second.prevHash());
            sql("DROP TRIGGER audit_record_append_only",
                    "UPDATE audit_record SET reason = 'routine', hash = '" + forged + "' WHERE seq = 2");
            VerifyResult result = log.verify();
            assertThat(result.firstBrokenSeq()).isEqualTo(3L);
            assertThat(result.problem()).contains("does not follow record 2");
        }
    }

    @Test
    void changedRecordingIsDetectedAtItsSessionEnd() throws SQLException {
        try (AuditLog log = logWith(2)) {
            String sha = log.storeRecording("req-9", new byte[] {1, 2, 3, 4});
            log.append(entry(AuditEvent.SESSION_END, "gpu-09", "req-9", Map.of(AuditEntry.RECORDING_SHA256, sha,
                    "endReason", "exit")));
            log.append(entry(AuditEvent.COMMAND_RUN, "gpu-01", "req-10", Map.of()));
            assertThat(log.verify().ok()).isTrue();
            assertThat(log.recording("req-9")).containsExactly(1, 2, 3, 4);
            assertThat(log.recording("nope")).isNull();

            assertThatThrownBy(() -> sql("UPDATE audit_recording SET sealed = X'01020305'"))
                    .hasMessageContaining("append-only");
            sql("DROP TRIGGER audit_recording_append_only", "UPDATE audit_recording SET sealed = X'01020305'");
            VerifyResult result = log.verify();
            assertThat(result.firstBrokenSeq()).isEqualTo(3L);
            assertThat(result.problem()).contains("recording of request req-9 was changed");

            sql("DELETE FROM audit_recording");
            assertThat(log.verify().problem()).contains("recording of request req-9 is missing");
        }
    }

    @Test
    void recordingIsNeverReplaced() {
        try (AuditLog log = AuditLog.open(dir, CLOCK)) {
            log.storeRecording("req-1", new byte[] {1});
            assertThatThrownBy(() -> log.storeRecording("req-1", new byte[] {2}))
                    .isInstanceOf(AuditException.class).hasMessageContaining("never replaced");
        }
    }

    @Test
    void twoLogsOnOneDirectoryAppendAlternatelyFromTwoThreads() throws Exception {
        int perLog = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier turn = new CyclicBarrier(2);
        try (AuditLog a = AuditLog.open(dir, CLOCK); AuditLog b = AuditLog.open(dir, CLOCK)) {
            List<Future<?>> done = new ArrayList<>();
            for (AuditLog log : List.of(a, b)) {
                String who = log == a ? "a" : "b";
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perLog; i++) {
                        log.append(new AuditEntry(AuditEvent.COMMAND_RUN, who, "desk", "gpu-01", who + i, null));
                        turn.await(); // both have appended once before either appends again: they interleave
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            List<AuditRecord> records = a.records();
            assertThat(records).hasSize(2 * perLog);
            assertThat(records).extracting(AuditRecord::seq).doesNotHaveDuplicates();
            assertThat(records.stream().filter(r -> r.entry().user().equals("b")).count()).isEqualTo(perLog);
            VerifyResult result = b.verify();
            assertThat(result.ok()).as(result.problem()).isTrue();
            assertThat(result.records()).isEqualTo(2L * perLog);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void jsonlExportParsesBackToTheSameRecords() throws Exception {
        try (AuditLog log = logWith(3)) {
            log.append(new AuditEntry(AuditEvent.ROLE_DENIED, "bob \"the\" op", "desk\n2", null, null, null,
                    Map.of("error", "no role: ünïcode \\ \t")));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            log.exportJsonl(out);
            String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text.lines()).hasSize(4);
            assertThat(text.lines().findFirst().orElseThrow()).startsWith("{\"seq\":1,").contains("\"prevHash\":\"000");
            List<AuditRecord> back = AuditJson.readJsonl(new ByteArrayInputStream(out.toByteArray()));
            assertThat(back).isEqualTo(log.records());
            for (AuditRecord r : back) {
                assertThat(AuditHash.of(r.seq(), r.at(), r.entry(), r.prevHash())).isEqualTo(r.hash());
            }
        }
    }

    @Test
    void hashSerialisationIsUnambiguous() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        String a = AuditHash.of(1, at, new AuditEntry(AuditEvent.COMMAND_RUN, "ab", "c", null, null, null), "0");
        String b = AuditHash.of(1, at, new AuditEntry(AuditEvent.COMMAND_RUN, "a", "bc", null, null, null), "0");
        String c = AuditHash.of(1, at, new AuditEntry(AuditEvent.COMMAND_RUN, "a", "bc", "", null, null), "0");
        String d = AuditHash.of(1, at, new AuditEntry(AuditEvent.COMMAND_RUN, "a", "bc", null, null, null,
                Map.of("k", "v=1")), "0");
        String e = AuditHash.of(1, at, new AuditEntry(AuditEvent.COMMAND_RUN, "a", "bc", null, null, null,
                Map.of("k=v", "1")), "0");
        assertThat(List.of(a, b, c, d, e)).doesNotHaveDuplicates();
    }
}
