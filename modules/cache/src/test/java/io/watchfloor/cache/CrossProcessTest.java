package io.watchfloor.cache;

import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.watchfloor.cache.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A second Watchfloor process, and a process killed while it writes: real child JVMs. */
class CrossProcessTest {

    /**
     * Time for H2's background writer to notice a due save (it wakes every write delay / 10) and finish the
     * chunk, on two noisy cores with the child writing flat out.
     */
    private static final long PERSIST_GRACE_MS = 3_000;

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private BufferedReader startChild(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                CacheChild.class.getName(), dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        child = pb.start();
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads lines until one starts with {@code prefix}; returns the last "RECORDED n" seen before or at it. */
    private static int readUntil(BufferedReader out, String prefix) throws IOException {
        int last = -1;
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("RECORDED ")) {
                last = Integer.parseInt(line.substring(9).trim());
            }
            if (line.startsWith(prefix)) {
                return last;
            }
        }
        throw new AssertionError("child ended before printing " + prefix + " (last recorded " + last + ")");
    }

    @Test
    void secondProcessGetsALockMessageWithThePidAndTheFileIsIntact() throws Exception {
        // this test is about the lock, not about the write delay: a short one, then wait until it has passed
        BufferedReader out = startChild("30", "500");
        readUntil(out, "HOLDING");
        long persistedBy = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500 + PERSIST_GRACE_MS);

        assertThatThrownBy(() -> H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null))
                .isInstanceOfSatisfying(CacheLockedException.class,
                        e -> assertThat(e.ownerPid()).hasValue(child.pid()))
                .hasMessageContaining("data directory " + dir.toRealPath() + " is in use by another Watchfloor (pid "
                        + child.pid() + ")");

        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(persistedBy - System.nanoTime())));
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null)) {
            assertThat(s.latest()).hasSize(16).allSatisfy(r -> assertThat(r.sampledAt()).isEqualTo(T0.plusSeconds(29)));
            Series util = s.series(Series.key("gpu-1/gpu7", Metric.UTIL_PCT), T0, T0.plusSeconds(60));
            assertThat(util.size()).isEqualTo(30);
        }
    }

    /**
     * kill -9 while the child writes flat out, with the production write delay. A commit reaches the file
     * within the write delay, so everything acknowledged more than the delay (plus a grace for H2's background
     * writer, which wakes every delay/10, and for two busy cores) before the kill must be there. What survives
     * must be whole records: a contiguous prefix of the series, and every tile's latest reading from the same,
     * last surviving record (journal and latest_reading commit together).
     */
    @Test
    void killedWhileWritingKeepsEverythingCommittedBeforeTheWriteDelay() throws Exception {
        BufferedReader out = startChild("-1");
        List<Long> ackNanos = Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("RECORDED ")) {
                        ackNanos.add(System.nanoTime()); // "RECORDED i" comes in order: i == index
                    }
                }
            } catch (IOException ignored) {
                // the stream closes when the child is killed
            }
        });
        pump.start();
        long window = TimeUnit.MILLISECONDS.toNanos(CacheDatabase.WRITE_DELAY_MS + PERSIST_GRACE_MS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        // let it write long enough that a few seconds of acknowledged records are older than the window
        while (ackNanos.size() < 150 || System.nanoTime() - ackNanos.get(0) < window + TimeUnit.SECONDS.toNanos(3)) {
            assertThat(System.nanoTime()).as("child made progress").isLessThan(deadline);
            assertThat(child.isAlive()).isTrue();
            Thread.sleep(5);
        }
        long killedAt = System.nanoTime();
        child.destroyForcibly(); // SIGKILL while it keeps writing
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        pump.join(10_000);
        int acknowledged = ackNanos.size();
        int mustSurvive = -1; // the last record acknowledged before killedAt - window
        while (mustSurvive + 1 < acknowledged && ackNanos.get(mustSurvive + 1) <= killedAt - window) {
            mustSurvive++;
        }
        assertThat(mustSurvive).as("records older than the write delay at the kill").isGreaterThanOrEqualTo(0);

        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null)) {
            List<Reading> latest = s.latest();
            assertThat(latest).hasSize(16);
            Instant lastSurvivor = latest.get(0).sampledAt();
            assertThat(latest).allSatisfy(r -> assertThat(r.sampledAt()).isEqualTo(lastSurvivor));
            assertThat(lastSurvivor).isAfterOrEqualTo(T0.plusSeconds(mustSurvive));
            // up to the last survivor itself: an idle machine writes well over 100,000 records before the kill
            Instant end = lastSurvivor.plusSeconds(1);
            Series util = s.series(Series.key("gpu-0/gpu0", Metric.UTIL_PCT), T0, end);
            Series power = s.series(Series.key("gpu-1/gpu7", Metric.POWER_W), T0, end);
            assertThat(util.size()).isGreaterThanOrEqualTo(mustSurvive + 1).isEqualTo(power.size());
            for (int i = 0; i < util.size(); i++) {
                assertThat(util.times()[i]).isEqualTo(T0.plusSeconds(i).toEpochMilli());
            }
            assertThat(T0.plusSeconds(util.size() - 1)).isEqualTo(lastSurvivor);
            System.out.printf("killed child: %d acknowledged, %d found after reopen; all %d acknowledged more than"
                            + " %.1f s before the kill survived%n", acknowledged, util.size(), mustSurvive + 1,
                    window / 1e9);
            s.record(TestData.fleet(2, lastSurvivor.plusSeconds(1_000), 1)); // and it is writable
        }
    }
}
