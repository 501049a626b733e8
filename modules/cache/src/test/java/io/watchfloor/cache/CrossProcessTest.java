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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.watchfloor.cache.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A second Watchfloor process, and a process killed while it writes: real child JVMs. */
class CrossProcessTest {

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

    private BufferedReader startChild(int count) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CacheChild.class.getName(), dir.toString(), Integer.toString(count));
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
        BufferedReader out = startChild(30);
        readUntil(out, "HOLDING");

        assertThatThrownBy(() -> H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null))
                .isInstanceOfSatisfying(CacheLockedException.class,
                        e -> assertThat(e.ownerPid()).hasValue(child.pid()))
                .hasMessageContaining("data directory " + dir.toRealPath() + " is in use by another Watchfloor (pid "
                        + child.pid() + ")");

        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null)) {
            assertThat(s.latest()).hasSize(16).allSatisfy(r -> assertThat(r.sampledAt()).isEqualTo(T0.plusSeconds(29)));
            Series util = s.series(Series.key("gpu-1/gpu7", Metric.UTIL_PCT), T0, T0.plusSeconds(60));
            assertThat(util.size()).isEqualTo(30);
        }
    }

    @Test
    void killedWhileWritingKeepsEveryCommittedRecord() throws Exception {
        BufferedReader out = startChild(-1);
        AtomicInteger acknowledged = new AtomicInteger(-1);
        Thread pump = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("RECORDED ")) {
                        acknowledged.set(Integer.parseInt(line.substring(9).trim()));
                    }
                }
            } catch (IOException ignored) {
                // the stream closes when the child is killed
            }
        });
        pump.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.get() < 150) {
            assertThat(System.nanoTime()).as("child made progress").isLessThan(deadline);
            assertThat(child.isAlive()).isTrue();
            Thread.sleep(5);
        }
        child.destroyForcibly(); // SIGKILL while it keeps writing
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        pump.join(10_000);
        int lastAcknowledged = acknowledged.get();

        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null)) {
            assertThat(s.latest()).hasSize(16);
            for (Reading r : s.latest()) {
                assertThat(r.sampledAt()).isAfterOrEqualTo(T0.plusSeconds(lastAcknowledged));
            }
            Series util = s.series(Series.key("gpu-0/gpu0", Metric.UTIL_PCT), T0, T0.plusSeconds(100_000));
            assertThat(util.size()).isGreaterThanOrEqualTo(lastAcknowledged + 1);
            for (int i = 0; i <= lastAcknowledged; i++) {
                assertThat(util.times()[i]).isEqualTo(T0.plusSeconds(i).toEpochMilli());
            }
            System.out.printf("killed child: %d acknowledged, %d found after reopen%n",
                    lastAcknowledged + 1, util.size());
            s.record(TestData.fleet(2, T0.plusSeconds(200_000), 1)); // and it is writable
        }
    }
}
