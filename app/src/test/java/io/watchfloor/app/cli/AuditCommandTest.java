package io.watchfloor.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.access.audit.AuditEntry;
import io.watchfloor.access.audit.AuditEvent;
import io.watchfloor.access.audit.AuditJson;
import io.watchfloor.access.audit.AuditLog;
import io.watchfloor.access.audit.AuditRecord;
import io.watchfloor.access.audit.RecordingSealer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `watchfloor audit` on a log with three sessions on 23 Nov 2026. */
class AuditCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:42:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    Path data;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void writeLog() throws Exception {
        data = tmp.resolve("data");
        try (AuditLog log = AuditLog.open(data, CLOCK)) {
            for (int i = 1; i <= 3; i++) {
                log.append(new AuditEntry(AuditEvent.SESSION_START, "alice", "desk-7", "gpu-0" + i, "req-" + i,
                        "disk full", Map.of("serial", String.valueOf(i))));
                log.append(new AuditEntry(AuditEvent.SESSION_END, "alice", "desk-7", "gpu-0" + i, "req-" + i,
                        null, Map.of("endReason", "exit", "durationMs", "1200")));
            }
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new AuditCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("audit"), "", "");
             Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    @Test
    void verifyPassesAnIntactLog() {
        Run r = run("verify", "--data-dir", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).matches("audit log OK: 6 records, head [0-9a-f]{64}\\R");
    }

    @Test
    void verifyNamesTheChangedRecord() throws Exception {
        sql("DROP TRIGGER audit_record_append_only", "UPDATE audit_record SET details = '{}' WHERE seq = 4");
        Run r = run("verify", "--data-dir", data.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).startsWith("audit log BROKEN: record 4 (session_end gpu-02 2026-11-23T10:42:00Z) was changed: ")
                .contains("6 records, head ");
    }

    @Test
    void verifyWithoutALogFailsRatherThanPassingAnEmptyOne() {
        Run r = run("verify", "--data-dir", tmp.resolve("elsewhere").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("no audit log in");
        assertThat(tmp.resolve("elsewhere")).doesNotExist();
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run().code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("verify", "--bogus").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("export", "--data-dir", data.toString()).code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void exportWritesJsonLinesThatParseBack() throws Exception {
        Path file = tmp.resolve("out/audit.jsonl");
        Run r = run("export", "--data-dir", data.toString(), "--out", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("wrote 6 records to " + file);
        List<AuditRecord> back;
        try (InputStream in = Files.newInputStream(file)) {
            back = AuditJson.readJsonl(in);
        }
        try (AuditLog log = AuditLog.open(data, CLOCK)) {
            assertThat(back).isEqualTo(log.records());
        }
        assertThat(Files.readAllLines(file).get(5)).contains("\"event\":\"session_end\"", "\"prevHash\":", "\"hash\":");
    }

    @Test
    void keygenThenReplayPrintsTheTerminalOutput() throws Exception {
        Path keys = tmp.resolve("keys");
        Run gen = run("keygen", "--out", keys.toString());
        assertThat(gen.code()).as(gen.err()).isZero();
        assertThat(gen.out()).contains("recording.pub (SHA256:");
        assertThat(run("keygen", "--out", keys.toString()).code()).isEqualTo(ExitCodes.FAILED);

        RecordingSealer.Recorder rec = RecordingSealer.forPublicKey(keys.resolve("recording.pub")).recorder(CLOCK);
        rec.write("root@gpu-09:~# nvidia-smi\r\nGPU 0: H100\r\n".getBytes(StandardCharsets.UTF_8));
        rec.close();
        try (AuditLog log = AuditLog.open(data, CLOCK)) {
            String sha = log.storeRecording("req-9", rec.sealed());
            log.append(new AuditEntry(AuditEvent.SESSION_END, "alice", "desk-7", "gpu-09", "req-9", null,
                    Map.of(AuditEntry.RECORDING_SHA256, sha)));
        }
        Run r = run("replay", "--data-dir", data.toString(), "--request", "req-9", "--key",
                keys.resolve("recording.key").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("root@gpu-09:~# nvidia-smi\r\nGPU 0: H100\r\n");

        Run missing = run("replay", "--data-dir", data.toString(), "--request", "req-404", "--key",
                keys.resolve("recording.key").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(missing.err()).contains("no recording for request req-404");

        sql("DROP TRIGGER audit_recording_append_only", "UPDATE audit_recording SET sealed = X'00'");
        Run changed = run("replay", "--data-dir", data.toString(), "--request", "req-9", "--key",
                keys.resolve("recording.key").toString());
        assertThat(changed.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(changed.err()).contains("recording of request req-9 was changed");
        assertThat(run("verify", "--data-dir", data.toString()).out()).contains("record 7 (session_end gpu-09");
    }
}
