package io.watchfloor.cache;

import io.watchfloor.model.endpoint.Availability;
import io.watchfloor.model.endpoint.AvailabilitySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.watchfloor.cache.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of a child JVM while it records availability flat out: the ledger follows the cache's write path, so
 * everything acknowledged more than the write delay (plus a grace) before the kill is there, what is there is a
 * whole prefix of the observations (the segments are exactly those of observations 0..n-1), and after the
 * restart the newest segment goes on from the table.
 */
class AvailabilityCrashTest {
    /** Short, to keep the test quick: durability works the same with the production 10 s (CrossProcessTest). */
    private static final int WRITE_DELAY_MS = 1_000;
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

    /** The segments observations 0..n-1 must have made. */
    private static List<AvailabilitySegment> expected(long n) {
        List<AvailabilitySegment> out = new ArrayList<>();
        long start = 0;
        for (long i = 1; i <= n; i++) {
            if (i == n || AvailabilityChild.stateAt(i) != AvailabilityChild.stateAt(start)) {
                Availability state = AvailabilityChild.stateAt(start);
                out.add(new AvailabilitySegment(AvailabilityChild.ENDPOINT, state, T0.plusSeconds(start),
                        T0.plusSeconds(i), state == Availability.DOWN ? "HTTP 503" : null));
                start = i;
            }
        }
        return out;
    }

    @Test
    void killedWhileRecordingKeepsAWholePrefixAndGoesOnAfterTheRestart() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AvailabilityChild.class.getName(), dir.toString(), Integer.toString(WRITE_DELAY_MS));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        child = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        List<Long> ackNanos = Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("RECORDED ")) {
                        ackNanos.add(System.nanoTime()); // in order: the index is the observation's second
                    }
                }
            } catch (IOException ignored) {
                // the stream closes when the child is killed
            }
        });
        pump.start();
        long window = TimeUnit.MILLISECONDS.toNanos(WRITE_DELAY_MS + PERSIST_GRACE_MS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (ackNanos.size() < 500 || System.nanoTime() - ackNanos.get(0) < window + TimeUnit.SECONDS.toNanos(2)) {
            assertThat(System.nanoTime()).as("child made progress").isLessThan(deadline);
            assertThat(child.isAlive()).isTrue();
            Thread.sleep(5);
        }
        long killedAt = System.nanoTime();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        pump.join(10_000);
        int acknowledged = ackNanos.size();
        int mustSurvive = -1;
        while (mustSurvive + 1 < acknowledged && ackNanos.get(mustSurvive + 1) <= killedAt - window) {
            mustSurvive++;
        }
        assertThat(mustSurvive).as("observations older than the write delay at the kill").isGreaterThanOrEqualTo(0);

        try (H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null)) {
            List<AvailabilitySegment> segments = s.segments(AvailabilityChild.ENDPOINT, T0,
                    T0.plus(Duration.ofDays(3650)));
            assertThat(segments).isNotEmpty();
            long survived = Duration.between(T0, segments.get(segments.size() - 1).to()).toSeconds();
            assertThat(survived).as("observations found").isGreaterThanOrEqualTo(mustSurvive + 1)
                    .isLessThanOrEqualTo(acknowledged + 1L); // one may have committed just before its line
            assertThat(segments).isEqualTo(expected(survived));

            // the newest segment is read back from the table and goes on where the child stopped
            s.recordAvailability(List.of(AvailabilityChild.observation(survived),
                    AvailabilityChild.observation(survived + 1)));
            assertThat(s.segments(AvailabilityChild.ENDPOINT, T0, T0.plus(Duration.ofDays(3650))))
                    .isEqualTo(expected(survived + 2));
            System.out.printf("killed availability child: %d acknowledged, %d found after reopen, all %d acknowledged"
                    + " more than %.1f s before the kill survived%n", acknowledged, survived, mustSurvive + 1,
                    window / 1e9);
        }
    }
}
