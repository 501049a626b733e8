package io.watchfloor.incidents;

import io.watchfloor.cache.CacheLockedException;
import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.config.IncidentsConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * kill -9 during checklist work, 20 times on one data directory (issue 4): every step whose command completed
 * before the kill is done after the restart, the file opens every time, and work goes on where it stopped.
 * The child is a real JVM ({@link CrashChild}) killed with SIGKILL, as in the cache's CrossProcessTest.
 */
class IncidentCrashTest {
    private static final int ROUNDS = 20;

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
        // C1 only and the serial collector: the child lives a second or two, and starts about 30% faster so
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        child = pb.start();
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads the child's start-up report: the steps it found done after its (re)start. */
    private static Set<String> readUntilReady(BufferedReader out) throws IOException {
        Set<String> done = new HashSet<>();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("READY")) {
                return done;
            }
            if (line.startsWith("DONE ")) {
                done.add(line.substring(5));
            }
        }
        throw new AssertionError("the child ended before it was ready");
    }

    @Test
    void killedDuringChecklistWorkKeepsEveryAcknowledgedStep() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> acknowledged = new LinkedHashSet<>(); // "INC-n STEP-KEY"
        int killedInFlight = 0;
        for (int round = 0; round < ROUNDS; round++) {
            BufferedReader out = startChild();
            // the restarted child reports what it found: everything acknowledged before any earlier kill
            Set<String> found = readUntilReady(out);
            assertThat(found).as("steps found done at restart %d (seed %d)", round, seed).containsAll(acknowledged);
            // 0 to 9 acknowledged steps, then SIGKILL at once: the child is already sending the next one
            int killAfter = random.nextInt(10);
            int seen = 0;
            while (seen < killAfter) {
                String line = out.readLine();
                assertThat(line).as("child output in round %d (seed %d)", round, seed).isNotNull();
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                    seen++;
                }
            }
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of its stdout
            assertThat(child.toHandle().destroyForcibly()).isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // lines the child printed before it died count too: their commands had completed
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                }
            }
            out.close();
            killedInFlight += killAfter > 0 ? 1 : 0;
        }
        verify(acknowledged, seed);
        System.out.printf("kill -9 x%d during checklist work (seed %d): %d acknowledged steps, all kept%n", ROUNDS,
                seed, acknowledged.size());
        assertThat(acknowledged.size()).isGreaterThan(ROUNDS);
        assertThat(killedInFlight).isPositive();
    }

    /**
     * Opens the directory in this JVM after the last kill: it opens, every acknowledged step is done, and at
     * most one checklist is unfinished (each restart went on with the checklist it found, never a new one).
     */
    private void verify(Set<String> acknowledged, long seed) {
        try (H2TelemetryStore cache = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null);
             IncidentService desk = IncidentService.open(cache.database(), IncidentsConfig.DEFAULTS,
                     TestRunbooks.longGeneric(CrashChild.STEPS), Clock.systemUTC(), List.of())) {
            for (String ack : acknowledged) {
                String[] parts = ack.split(" ");
                Incident i = desk.find(parts[0]).orElseThrow(() -> new AssertionError(parts[0]
                        + " is gone (seed " + seed + ")"));
                assertThat(i.checklist()).as("%s (seed %d)", ack, seed)
                        .filteredOn(s -> s.key().equals(parts[1])).singleElement()
                        .satisfies(s -> assertThat(s.done()).isTrue());
            }
            // work went on where it stopped: never a second checklist begun while one was unfinished
            assertThat(desk.board().open()).filteredOn(i -> i.checklistDone() < i.checklistTotal())
                    .hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void aSecondConsoleOnTheSameDirectoryGetsTheLockMessage() throws Exception {
        readUntilReady(startChild("hold"));
        assertThatThrownBy(() -> H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null))
                .isInstanceOf(CacheLockedException.class)
                .hasMessageContaining("is in use by another Watchfloor (pid " + child.pid() + ")");
    }
}
