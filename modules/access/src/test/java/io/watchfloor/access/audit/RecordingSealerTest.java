package io.watchfloor.access.audit;

import io.watchfloor.access.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingSealerTest {
    private static final String MARKER = "MARKER-7f3a-root@gpu-01:~# cat /etc/shadow";

    @TempDir
    static Path keys;
    @TempDir
    Path dir;

    @BeforeAll
    static void generateKeys() throws Exception {
        RecordingKeys.generate(keys.resolve("reviewer"));
        RecordingKeys.generate(keys.resolve("other"));
    }

    private static byte[] record(MutableClock clock) throws Exception {
        RecordingSealer sealer = RecordingSealer.forPublicKey(keys.resolve("reviewer/recording.pub"));
        RecordingSealer.Recorder rec = sealer.recorder(clock);
        rec.write("login ok\r\n".getBytes(StandardCharsets.UTF_8));
        clock.advance(Duration.ofMillis(1500));
        rec.write((MARKER + "\r\n").getBytes(StandardCharsets.UTF_8));
        clock.advance(Duration.ofSeconds(3));
        rec.write("logout\r\n".getBytes(StandardCharsets.UTF_8));
        rec.close();
        return rec.sealed();
    }

    @Test
    void sealedRecordingOpensWithTheReviewersKeyWithTiming() throws Exception {
        byte[] sealed = record(new MutableClock(Instant.parse("2026-11-23T10:42:00Z")));
        byte[] opened = RecordingSealer.open(sealed, RecordingKeys.readPrivateKey(keys.resolve("reviewer/recording.key")));

        List<RecordingSealer.Chunk> chunks = RecordingSealer.chunks(opened);
        assertThat(chunks).extracting(RecordingSealer.Chunk::offsetMillis).containsExactly(0L, 1500L, 4500L);
        assertThat(new String(RecordingSealer.output(opened), StandardCharsets.UTF_8))
                .isEqualTo("login ok\r\n" + MARKER + "\r\nlogout\r\n");
    }

    @Test
    void plaintextIsInNeitherTheSealedBytesNorTheAuditFile() throws Exception {
        byte[] sealed = record(new MutableClock(Instant.parse("2026-11-23T10:42:00Z")));
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("MARKER-7f3a").doesNotContain("shadow");
        try (AuditLog log = AuditLog.open(dir, Clock.systemUTC())) {
            String sha = log.storeRecording("req-1", sealed);
            log.append(new AuditEntry(AuditEvent.SESSION_END, "alice", "desk", "gpu-01", "req-1", null,
                    Map.of(AuditEntry.RECORDING_SHA256, sha)));
            assertThat(log.verify().ok()).isTrue();
            assertThat(log.recording("req-1")).isEqualTo(sealed);
        }
        byte[] file = Files.readAllBytes(dir.resolve("audit.mv.db"));
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).contains("session_end").doesNotContain("MARKER-7f3a");
    }

    @Test
    void wrongPrivateKeyIsRefusedClearly() throws Exception {
        byte[] sealed = record(new MutableClock(Instant.parse("2026-11-23T10:42:00Z")));
        PrivateKey other = RecordingKeys.readPrivateKey(keys.resolve("other/recording.key"));
        assertThatThrownBy(() -> RecordingSealer.open(sealed, other))
                .isInstanceOf(RecordingException.class)
                .hasMessageStartingWith("this recording was sealed for recording key SHA256:")
                .hasMessageContaining("not for the given private key");
    }

    @Test
    void changedCiphertextIsRefused() throws Exception {
        byte[] sealed = record(new MutableClock(Instant.parse("2026-11-23T10:42:00Z")));
        sealed[sealed.length - 20] ^= 1;
        PrivateKey key = RecordingKeys.readPrivateKey(keys.resolve("reviewer/recording.key"));
        assertThatThrownBy(() -> RecordingSealer.open(sealed, key))
                .isInstanceOf(RecordingException.class).hasMessageContaining("damaged or was changed");
        assertThatThrownBy(() -> RecordingSealer.open("hello".getBytes(StandardCharsets.UTF_8), key))
                .hasMessage("not a Watchfloor terminal recording");
    }

    @Test
    void keygenWritesAPrivateKeyOnlyItsOwnerCanRead() throws Exception {
        Path pub = keys.resolve("reviewer/recording.pub");
        Path key = keys.resolve("reviewer/recording.key");
        assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThatThrownBy(() -> RecordingKeys.generate(keys.resolve("reviewer")))
                .isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void emptySessionSealsAndOpens() throws Exception {
        RecordingSealer.Recorder rec = RecordingSealer.forPublicKey(keys.resolve("reviewer/recording.pub")).recorder();
        rec.close();
        rec.close();
        byte[] opened = RecordingSealer.open(rec.sealed(), RecordingKeys.readPrivateKey(keys.resolve("reviewer/recording.key")));
        assertThat(RecordingSealer.chunks(opened)).isEmpty();
        assertThatThrownBy(() -> rec.write(1)).hasMessageContaining("already sealed");
    }
}
