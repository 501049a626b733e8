package io.watchfloor.cache;

import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import io.watchfloor.model.TileKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.watchfloor.cache.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encryption, damaged files: what ends up on disk and what the user is told. */
class CacheFileTest {
    private static final String MARKER = "MARKER-7f3a-SECRET-MODEL";
    private static final String KEY = "correct horse battery staple";

    @TempDir
    Path dir;

    private static Reading marked() {
        return new Reading(TileKey.gpu("host-" + MARKER, "0", null, null), MARKER, "prom-a", T0,
                Map.of(Metric.UTIL_PCT, 42.0), Set.of());
    }

    private static boolean filesContain(Path dir, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] hay = Files.readAllBytes(f);
                outer:
                for (int i = 0; i + needle.length <= hay.length; i++) {
                    for (int j = 0; j < needle.length; j++) {
                        if (hay[i + j] != needle[j]) {
                            continue outer;
                        }
                    }
                    return true;
                }
            }
        }
        return false;
    }

    /** Makes H2 write what is committed now instead of within its write delay. */
    private static void checkpoint(H2TelemetryStore s) {
        try (Connection c = s.connectionForTests(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void plainFileShowsTheMarkerSoTheEncryptionTestMeansSomething() throws IOException {
        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null)) {
            s.record(List.of(marked()));
        }
        assertThat(filesContain(dir, MARKER)).isTrue();
    }

    @Test
    void encryptedFileHidesDataAndKeyAndReopensWithTheKey() throws IOException {
        char[] key = KEY.toCharArray();
        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, key)) {
            s.record(List.of(marked()));
            checkpoint(s); // in the file now, not only in H2's memory
            assertThat(filesContain(dir, MARKER)).isFalse(); // also while open
        }
        assertThat(key).isEqualTo(KEY.toCharArray()); // the caller's array is left alone
        assertThat(filesContain(dir, MARKER)).isFalse();
        assertThat(filesContain(dir, KEY)).isFalse();
        assertThat(filesContain(dir, "battery")).isFalse();
        assertThat(Files.readAllBytes(dir.resolve(H2TelemetryStore.DB_FILE)))
                .startsWith("H2encrypt\n".getBytes(StandardCharsets.ISO_8859_1));

        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, KEY.toCharArray())) {
            assertThat(s.latest()).containsExactly(marked());
            assertThat(s.series(Series.key(marked().tileId(), Metric.UTIL_PCT), T0, T0).values()).containsExactly(42.0);
        }
    }

    @Test
    void compactionKeepsTheFileEncryptedAndTheDataIntact() throws IOException {
        Path file = dir.resolve(H2TelemetryStore.DB_FILE);
        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, KEY.toCharArray())) {
            for (int i = 0; i < 300; i++) {
                s.record(TestData.fleet(4, T0.plusSeconds(i), i));
                checkpoint(s); // a save per call, as over hours with the write delay: the churn compaction removes
            }
            s.record(List.of(marked()));
            checkpoint(s);
            long before = Files.size(file);
            s.compactMinBytes(1);
            s.maintain(T0.plusSeconds(300));
            long after = Files.size(file);
            assertThat(after).isLessThan(before / 2);
            assertThat(s.latest()).contains(marked()).hasSize(33);
            assertThat(s.series(Series.key("gpu-3/gpu5", Metric.UTIL_PCT), T0, T0.plusSeconds(300)).size())
                    .isEqualTo(300);
            assertThat(filesContain(dir, MARKER)).isFalse();
            s.record(TestData.fleet(4, T0.plusSeconds(301), 1)); // writable after the reopen
        }
        assertThat(Files.readAllBytes(file)).startsWith("H2encrypt\n".getBytes(StandardCharsets.ISO_8859_1));
        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, KEY.toCharArray())) {
            assertThat(s.latest()).hasSize(33);
        }
    }

    @Test
    void wrongKeyMissingKeyAndUnexpectedKeyGetClearMessages() {
        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, KEY.toCharArray())) {
            s.record(List.of(marked()));
        }
        Path file = dir.resolve(H2TelemetryStore.DB_FILE);
        assertThatThrownBy(() -> H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, "wrong key".toCharArray()))
                .isInstanceOfSatisfying(CacheOpenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CacheOpenException.Reason.WRONG_KEY);
                    assertThat(e.file()).isEqualTo(file);
                })
                .hasMessageContaining("cache file " + file + " is encrypted with a different key")
                .message().doesNotContain("wrong key");
        assertThatThrownBy(() -> H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null))
                .isInstanceOfSatisfying(CacheOpenException.class,
                        e -> assertThat(e.reason()).isEqualTo(CacheOpenException.Reason.KEY_REQUIRED))
                .hasMessageContaining("is encrypted, but no encryption key is configured");
        // the right key still works after the failed attempts
        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, KEY.toCharArray())) {
            assertThat(s.latest()).hasSize(1);
        }
    }

    @Test
    void keyForAPlainFileIsRefusedWithoutTouchingIt(@TempDir Path plain) {
        try (H2TelemetryStore s = H2TelemetryStore.open(plain, RetentionPolicy.DEFAULTS, null)) {
            s.record(List.of(marked()));
        }
        assertThatThrownBy(() -> H2TelemetryStore.open(plain, RetentionPolicy.DEFAULTS, KEY.toCharArray()))
                .isInstanceOf(CacheOpenException.class)
                .hasMessageContaining("is not encrypted, but an encryption key is configured");
        try (H2TelemetryStore s = H2TelemetryStore.open(plain, RetentionPolicy.DEFAULTS, null)) {
            assertThat(s.latest()).hasSize(1);
        }
    }

    @Test
    void garbageFileIsNamedAndLeftAlone() throws IOException {
        Path file = dir.resolve(H2TelemetryStore.DB_FILE);
        Files.writeString(file, "this is not a database at all\n".repeat(100));
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null))
                .isInstanceOfSatisfying(CacheOpenException.class,
                        e -> assertThat(e.reason()).isEqualTo(CacheOpenException.Reason.CORRUPT))
                .hasMessageContaining("cache file " + file)
                .hasMessageContaining("move it away");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void damagedH2FileGetsAClearMessageNamingTheFile() throws IOException {
        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null)) {
            s.record(TestData.fleet(4, T0, 1));
        }
        Path file = dir.resolve(H2TelemetryStore.DB_FILE);
        byte[] bytes = Files.readAllBytes(file);
        // keep the first header's start, wreck everything after it
        for (int i = 64; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(file, bytes);
        assertThatThrownBy(() -> H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null))
                .isInstanceOfSatisfying(CacheOpenException.class,
                        e -> assertThat(e.reason()).isIn(CacheOpenException.Reason.CORRUPT, CacheOpenException.Reason.IO))
                .hasMessageContaining(file.toString());
        // and the directory is free again for a later attempt
        Files.delete(file);
        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null)) {
            assertThat(s.latest()).isEmpty();
        }
    }

    @Test
    void emptyKeyIsRejected() {
        assertThatThrownBy(() -> H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, new char[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
