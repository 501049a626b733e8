package io.watchfloor.engine;

import static io.watchfloor.engine.Fixtures.T0;
import static io.watchfloor.engine.Fixtures.block;
import static io.watchfloor.engine.Fixtures.fail;
import static io.watchfloor.engine.Fixtures.gpu;
import static io.watchfloor.engine.Fixtures.ok;
import static io.watchfloor.engine.SnapshotProbe.state;
import static io.watchfloor.engine.SnapshotProbe.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.PollResult;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The running engine: schedules, watchdog, self-exclusion, maintenance, close. Waits on latches, never sleeps. */
class SchedulingTest {
    private static final Duration FAST = Duration.ofMillis(10);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final MutableClock clock = new MutableClock(T0);
    private final FakeStore store = new FakeStore();
    private final List<PollerEngine> engines = new ArrayList<>();

    private PollerEngine engine(EngineSettings settings, ScriptedSource... sources) {
        PollerEngine e = new PollerEngine(List.of(sources), store, clock, settings, () -> 0L);
        engines.add(e);
        return e;
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(PollerEngine::close);
    }

    @Test
    void upThenDownThenUpAgain() throws Exception {
        // Each gate holds the source in one state until the test has looked at it (snapshots coalesce).
        CountDownLatch secondFailure = new CountDownLatch(1);
        CountDownLatch recover = new CountDownLatch(1);
        ScriptedSource src = new ScriptedSource("prom", FAST, ok(gpu("a", 0, "prom", T0, 1)));
        src.then(ok(gpu("a", 0, "prom", T0, 1)))
                .then(fail(Kind.UNREACHABLE, "connection refused"))
                .then(() -> {
                    secondFailure.await();
                    throw new io.watchfloor.model.SourceException(Kind.HTTP, "HTTP 503");
                })
                .then(() -> {
                    recover.await();
                    return PollResult.of(List.of(gpu("a", 0, "prom", T0.plusSeconds(5), 2)));
                });
        PollerEngine engine = engine(EngineSettings.DEFAULTS, src);
        try (SnapshotProbe probe = new SnapshotProbe(engine)) {
            engine.start();
            var down = probe.await(state("prom", SourceState.DOWN), WAIT);
            assertThat(status(down, "prom").lastError()).isEqualTo("connection refused");
            assertThat(status(down, "prom").lastSuccessAt()).isEqualTo(T0);
            assertThat(down.readings()).as("stale readings stay on the wall").hasSize(1);
            clock.advance(Duration.ofSeconds(5));
            secondFailure.countDown();
            var stillDown = probe.await(s -> status(s, "prom").consecutiveFailures() == 2, WAIT);
            assertThat(status(stillDown, "prom").since()).isEqualTo(status(down, "prom").since());
            assertThat(status(stillDown, "prom").lastError()).isEqualTo("HTTP 503");
            recover.countDown();
            var up = probe.await(state("prom", SourceState.UP), WAIT);
            assertThat(status(up, "prom").since()).isEqualTo(T0.plusSeconds(5));
            assertThat(status(up, "prom").lastError()).isNull();
            assertThat(status(up, "prom").consecutiveFailures()).isZero();
        }
    }

    @Test
    void theWatchdogCutsAHangingPollWhileOthersKeepPolling() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ScriptedSource hang = new ScriptedSource("hang", Duration.ofSeconds(30), block(never));
        ScriptedSource fast = new ScriptedSource("fast", FAST, ok(gpu("b", 0, "fast", T0, 1)));
        EngineSettings settings = EngineSettings.DEFAULTS.withMaxConcurrentPolls(2)
                .withWatchdogGrace(Duration.ofMillis(200))
                .withPollTimeouts(Map.of("hang", Duration.ofMillis(1800)));
        PollerEngine engine = engine(settings, hang, fast);
        try (SnapshotProbe probe = new SnapshotProbe(engine)) {
            engine.start();
            assertThat(hang.awaitPolls(1, 10)).isTrue();
            assertThat(fast.awaitPolls(5, 10)).isTrue();
            assertThat(hang.running.get()).as("fast was polled while hang was stuck").isEqualTo(1);

            var cut = probe.await(state("hang", SourceState.DOWN), WAIT);
            SourceStatus s = status(cut, "hang");
            assertThat(s.lastError()).contains("no answer within 2s").contains("watchdog");
            assertThat(s.nextPollAt()).isAfter(s.lastAttemptAt());
            assertThat(fast.awaitPolls(5, 10)).as("and keeps going afterwards").isTrue();
            probe.await(x -> hang.interrupted.get() == 1, WAIT);
            assertThat(status(engine.current(), "fast").state()).isEqualTo(SourceState.UP);
        }
    }

    @Test
    void aSourceIsNeverPolledConcurrentlyWithItself() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // ignores interrupts, like a source stuck in non-interruptible I/O
        ScriptedSource stuck = new ScriptedSource("stuck", FAST, ok());
        stuck.then(() -> {
            boolean done = false;
            while (!done) {
                try {
                    done = release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // keep blocking: this is the badly behaved source
                }
            }
            return PollResult.of(List.of(gpu("late", 0, "stuck", T0, 1)));
        });
        ScriptedSource other = new ScriptedSource("other", FAST, ok());
        EngineSettings settings = EngineSettings.DEFAULTS.withWatchdogGrace(Duration.ZERO)
                .withPollTimeouts(Map.of("stuck", Duration.ofMillis(30)));
        PollerEngine engine = engine(settings, stuck, other);
        try (SnapshotProbe probe = new SnapshotProbe(engine)) {
            engine.start();
            probe.await(state("stuck", SourceState.DOWN), WAIT);
            assertThat(other.awaitPolls(30, 10)).isTrue(); // many triggers of "stuck" came and were skipped
            Thread pollAll = new Thread(() -> engine.pollAllOnce(Duration.ofMillis(50)));
            pollAll.start();
            pollAll.join(10_000);
            assertThat(stuck.polls.get()).isEqualTo(1);

            release.countDown();
            assertThat(stuck.awaitPolls(2, 10)).isTrue(); // the first call, then the next after it returned
            probe.await(state("stuck", SourceState.UP), WAIT);
            assertThat(stuck.maxRunning.get()).isEqualTo(1);
            assertThat(other.maxRunning.get()).isEqualTo(1);
            assertThat(engine.current().readings()).as("the late answer was discarded").isEmpty();
        }
    }

    @Test
    void maintenanceRunsOnTheWriterThread() throws Exception {
        PollerEngine engine = engine(EngineSettings.DEFAULTS.withMaintenancePeriod(Duration.ofMillis(20)));
        engine.start();
        assertThat(store.maintained.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closeStopsEveryThreadFlushesAndClosesSourcesButNotTheStore() throws Exception {
        Set<Thread> before = engineThreads();
        CountDownLatch never = new CountDownLatch(1);
        ScriptedSource hang = new ScriptedSource("hang", FAST, block(never));
        ScriptedSource fast = new ScriptedSource("fast", FAST, ok(gpu("c", 0, "fast", T0, 3)));
        PollerEngine engine = engine(EngineSettings.DEFAULTS, hang, fast);
        try (SnapshotProbe probe = new SnapshotProbe(engine)) {
            engine.start();
            assertThat(hang.awaitPolls(1, 10)).isTrue();
            probe.await(state("fast", SourceState.UP), WAIT);
        }
        Set<Thread> mine = engineThreads();
        mine.removeAll(before);
        assertThat(mine).extracting(Thread::getName)
                .contains("watchfloor-scheduler", "watchfloor-writer", "watchfloor-publish")
                .anyMatch(n -> n.startsWith("watchfloor-poll-"));
        assertThat(mine).allMatch(Thread::isDaemon);

        engine.close();

        for (Thread t : mine) {
            t.join(5_000);
        }
        assertThat(mine).noneMatch(Thread::isAlive);
        assertThat(hang.interrupted.get()).isEqualTo(1);
        assertThat(hang.closed.getCount()).isZero();
        assertThat(fast.closed.getCount()).isZero();
        assertThat(store.closed).isFalse();
        assertThat(store.latest()).extracting(r -> r.tileId()).contains("c/gpu0");
        assertThat(store.status("hang")).as("closing does not record the interrupted poll as a failure")
                .satisfiesAnyOf(x -> assertThat(x).isNull(), x -> assertThat(x.state()).isNotEqualTo(SourceState.DOWN));
    }

    private static Set<Thread> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("watchfloor-") && t.isAlive())
                .collect(Collectors.toSet());
    }
}
