package io.watchfloor.engine;

import static io.watchfloor.engine.Fixtures.T0;
import static io.watchfloor.engine.Fixtures.block;
import static io.watchfloor.engine.Fixtures.fail;
import static io.watchfloor.engine.Fixtures.gpu;
import static io.watchfloor.engine.Fixtures.ok;
import static io.watchfloor.engine.Fixtures.warn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.WallSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The synchronous side of the engine: pollAllOnce, loadFromCache, store and listener handling. No start(). */
class PollAllOnceTest {
    private static final Duration TEN_S = Duration.ofSeconds(10);
    private static final Duration DEADLINE = Duration.ofSeconds(10);
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

    private static SourceStatus status(WallSnapshot s, String id) {
        return SnapshotProbe.status(s, id);
    }

    @Test
    void pollsEverySourceOnceWritesAndPublishesWithoutStart() throws Exception {
        ScriptedSource prom = new ScriptedSource("prom", TEN_S, ok(gpu("a", 0, "prom", T0, 55)));
        ScriptedSource azure = new ScriptedSource("azure", TEN_S, warn("metric X unavailable"));
        ScriptedSource aws = new ScriptedSource("aws", TEN_S, fail(Kind.AUTH, "SSO token expired"));
        PollerEngine engine = engine(EngineSettings.DEFAULTS, prom, azure, aws);
        List<WallSnapshot> heard = new ArrayList<>();
        CountDownLatch delivered = new CountDownLatch(1);
        engine.subscribe(s -> {
            if (!s.readings().isEmpty()) {
                synchronized (heard) {
                    heard.add(s);
                }
                delivered.countDown();
            }
        });

        engine.pollAllOnce(DEADLINE);

        WallSnapshot s = engine.current();
        assertThat(status(s, "prom").state()).isEqualTo(SourceState.UP);
        assertThat(status(s, "azure").state()).isEqualTo(SourceState.DEGRADED);
        assertThat(status(s, "azure").lastError()).isEqualTo("metric X unavailable");
        assertThat(status(s, "aws").state()).isEqualTo(SourceState.AUTH_FAILED);
        assertThat(s.readings()).extracting(Reading::tileId).containsExactly("a/gpu0");
        // the writer was waited for
        assertThat(store.latest()).extracting(Reading::tileId).containsExactly("a/gpu0");
        assertThat(store.status("aws").state()).isEqualTo(SourceState.AUTH_FAILED);
        assertThat(store.lastWriterThread.getName()).isEqualTo("watchfloor-writer");
        assertThat(List.of(prom.polls.get(), azure.polls.get(), aws.polls.get())).containsOnly(1);
        assertThat(delivered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        engine.pollAllOnce(DEADLINE);
        assertThat(prom.polls.get()).isEqualTo(2);
    }

    @Test
    void aSourceThatMissesTheDeadlineIsCutOffAsTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        ScriptedSource hang = new ScriptedSource("hang", TEN_S, block(never));
        ScriptedSource fine = new ScriptedSource("fine", TEN_S, ok(gpu("a", 0, "fine", T0, 1)));
        PollerEngine engine = engine(EngineSettings.DEFAULTS, hang, fine);

        engine.pollAllOnce(Duration.ofMillis(200));

        SourceStatus s = status(engine.current(), "hang");
        assertThat(s.state()).isEqualTo(SourceState.DOWN);
        assertThat(s.lastError()).contains("no answer within");
        assertThat(status(engine.current(), "fine").state()).isEqualTo(SourceState.UP);
    }

    @Test
    void backoffDecidesTheNextPollAfterFailures() {
        ScriptedSource src = new ScriptedSource("prom", TEN_S, ok());
        src.then(fail(Kind.HTTP, "HTTP 502")).then(fail(Kind.HTTP, "HTTP 502")).then(fail(Kind.HTTP, "HTTP 502"))
                .then(fail(Kind.HTTP, "HTTP 502"));
        PollerEngine engine = engine(EngineSettings.DEFAULTS.withBackoffCap(Duration.ofSeconds(30)), src);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            engine.pollAllOnce(DEADLINE);
            waits.add(Duration.between(T0, status(engine.current(), "prom").nextPollAt()));
        }
        // jitter pinned at 0.8: 10 (floor), 16, 32 -> capped 30*0.8 = 24, 24; then success: the interval
        assertThat(waits.subList(0, 4)).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(16),
                Duration.ofSeconds(24), Duration.ofSeconds(24));
        assertThat(waits.get(4)).isEqualTo(TEN_S);
    }

    @Test
    void loadFromCacheKeepsAgesStatesAndSparklines() throws Exception {
        var twoHoursAgo = T0.minus(Duration.ofHours(2));
        Reading cached = gpu("a", 0, "prom", twoHoursAgo, 70);
        store.putLatest(cached);
        store.putLatest(gpu("gone", 0, "removed-source", twoHoursAgo, 70));
        for (int sec = 0; sec < 3 * 3600; sec++) { // three hours of 1 s samples, one inside the window
            store.addSample(Series.key("a/gpu0", io.watchfloor.model.Metric.UTIL_PCT),
                    T0.minusSeconds(3 * 3600 - sec).toEpochMilli(), sec % 100);
        }
        var downSince = T0.minus(Duration.ofHours(20));
        store.recordSourceStatus(new SourceStatus("prom", "prometheus", SourceState.DOWN, downSince,
                "connection refused", twoHoursAgo, T0.minusSeconds(5), 40, TEN_S, null));
        ScriptedSource prom = new ScriptedSource("prom", TEN_S, fail(Kind.UNREACHABLE, "connection refused"));
        PollerEngine engine = engine(EngineSettings.DEFAULTS, prom);

        WallSnapshot first = engine.loadFromCache();

        assertThat(engine.current()).isSameAs(first);
        assertThat(first.readings()).containsExactly(cached);
        assertThat(first.readings().get(0).sampledAt()).isEqualTo(twoHoursAgo);
        SourceStatus pending = status(first, "prom");
        assertThat(pending.state()).isEqualTo(SourceState.PENDING);
        assertThat(pending.lastError()).isEqualTo("connection refused");
        assertThat(pending.lastSuccessAt()).isEqualTo(twoHoursAgo);
        Series line = first.sparklines().get("a/gpu0");
        assertThat(line.size()).isBetween(100, 120);
        assertThat(line.times()[0]).isGreaterThanOrEqualTo(T0.minus(Duration.ofHours(1)).toEpochMilli());

        engine.pollAllOnce(DEADLINE);
        WallSnapshot after = engine.current();
        assertThat(status(after, "prom").state()).isEqualTo(SourceState.DOWN);
        assertThat(status(after, "prom").since()).isEqualTo(downSince);
        assertThat(after.readings()).as("a down source's readings stay, stale").containsExactly(cached);
    }

    @Test
    void loadFromCacheSurvivesABrokenStore() {
        FakeStore broken = new FakeStore() {
            @Override
            public synchronized List<Reading> latest() {
                throw new IllegalStateException("file locked");
            }
        };
        PollerEngine engine = new PollerEngine(List.of(), broken, clock, EngineSettings.DEFAULTS);
        engines.add(engine);
        assertThat(engine.loadFromCache().readings()).isEmpty();
    }

    @Test
    void sparklinesStayBoundedOverManyPolls() {
        AtomicInteger n = new AtomicInteger();
        ScriptedSource src = new ScriptedSource("prom", TEN_S,
                () -> io.watchfloor.model.PollResult.of(List.of(gpu("a", 0, "prom", clock.instant(), n.incrementAndGet() % 100))));
        PollerEngine engine = engine(EngineSettings.DEFAULTS.withSparklines(Duration.ofHours(1), 20), src);
        for (int i = 0; i < 400; i++) {
            engine.pollAllOnce(DEADLINE);
            clock.advance(Duration.ofMinutes(3).plusSeconds(7));
        }
        assertThat(engine.current().sparklines().get("a/gpu0").size()).isBetween(15, 20);
    }

    @Test
    void decommissionedTilesLeaveAfterTheExpiry() {
        ScriptedSource src = new ScriptedSource("prom", TEN_S, ok());
        src.then(() -> io.watchfloor.model.PollResult.of(List.of(gpu("a", 0, "prom", clock.instant(), 1),
                gpu("a", 1, "prom", clock.instant(), 1))));
        src.fallback(() -> io.watchfloor.model.PollResult.of(List.of(gpu("a", 0, "prom", clock.instant(), 1))));
        PollerEngine engine = engine(EngineSettings.DEFAULTS, src);
        engine.pollAllOnce(DEADLINE);
        clock.advance(Duration.ofMinutes(9));
        engine.pollAllOnce(DEADLINE);
        assertThat(engine.current().readings()).hasSize(2);
        clock.advance(Duration.ofMinutes(2));
        engine.pollAllOnce(DEADLINE);
        assertThat(engine.current().readings()).extracting(Reading::tileId).containsExactly("a/gpu0");
        assertThat(engine.current().sparklines()).containsOnlyKeys("a/gpu0");
    }

    @Test
    void aStoreFailureIsLoggedAndSurfacedAndTheWallGoesOn() {
        ScriptedSource src = new ScriptedSource("prom", TEN_S, ok(gpu("a", 0, "prom", T0, 5)));
        PollerEngine engine = engine(EngineSettings.DEFAULTS, src);
        store.failWrites = "disk full";
        engine.pollAllOnce(DEADLINE);
        assertThat(engine.lastStoreError()).isEqualTo("disk full");
        assertThat(engine.current().readings()).hasSize(1);
        assertThat(status(engine.current(), "prom").state()).isEqualTo(SourceState.UP);

        store.failWrites = null;
        engine.pollAllOnce(DEADLINE);
        assertThat(engine.lastStoreError()).isNull();
        assertThat(store.latest()).hasSize(1);
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthersOrTheEngine() throws Exception {
        ScriptedSource src = new ScriptedSource("prom", TEN_S, ok(gpu("a", 0, "prom", T0, 5)));
        PollerEngine engine = engine(EngineSettings.DEFAULTS, src);
        AtomicInteger badCalls = new AtomicInteger();
        engine.subscribe(s -> {
            badCalls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        });
        try (SnapshotProbe probe = new SnapshotProbe(engine)) {
            for (int i = 1; i <= 3; i++) {
                engine.pollAllOnce(DEADLINE);
                WallSnapshot expected = engine.current();
                probe.await(s -> s == expected, Duration.ofSeconds(5));
            }
        }
        assertThat(badCalls.get()).isPositive();
        assertThat(src.polls.get()).isEqualTo(3);
    }

    @Test
    void aSourceThatThrowsUncheckedIsDownNotFatal() {
        ScriptedSource src = new ScriptedSource("prom", TEN_S, () -> {
            throw new NullPointerException("bug with secret=hunter2");
        });
        PollerEngine engine = engine(EngineSettings.DEFAULTS, src);
        engine.pollAllOnce(DEADLINE);
        SourceStatus s = status(engine.current(), "prom");
        assertThat(s.state()).isEqualTo(SourceState.DOWN);
        assertThat(s.lastError()).contains("NullPointerException").doesNotContain("hunter2");
    }

    @Test
    void rejectsDuplicateIdsAndUseAfterClose() {
        ScriptedSource a = new ScriptedSource("x", TEN_S, ok());
        ScriptedSource b = new ScriptedSource("x", TEN_S, ok());
        assertThatThrownBy(() -> new PollerEngine(List.of(a, b), store, clock, EngineSettings.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
        PollerEngine engine = engine(EngineSettings.DEFAULTS, a);
        engine.close();
        engine.close();
        assertThatThrownBy(engine::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> engine.pollAllOnce(DEADLINE)).isInstanceOf(IllegalStateException.class);
    }
}
