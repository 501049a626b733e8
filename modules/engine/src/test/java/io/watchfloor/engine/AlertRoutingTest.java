package io.watchfloor.engine;

import static io.watchfloor.engine.Fixtures.T0;
import static io.watchfloor.engine.Fixtures.fail;
import static io.watchfloor.engine.Fixtures.gpu;
import static io.watchfloor.engine.Fixtures.ok;
import static io.watchfloor.engine.SnapshotProbe.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.PollResult;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.incident.Alert;
import io.watchfloor.model.incident.AlertBatch;
import io.watchfloor.model.incident.AlertState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Alert sources' batches reach the alert listeners: on success only, off the poll threads, before pollAllOnce returns. */
class AlertRoutingTest {
    private static final Duration TEN_S = Duration.ofSeconds(10);
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private final MutableClock clock = new MutableClock(T0);
    private final FakeStore store = new FakeStore();
    private final List<PollerEngine> engines = new ArrayList<>();

    private PollerEngine engine(ScriptedSource... sources) {
        PollerEngine e = new PollerEngine(List.of(sources), store, clock, EngineSettings.DEFAULTS, () -> 0L);
        engines.add(e);
        return e;
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(PollerEngine::close);
    }

    static Alert alert(String fingerprint, String name, AlertState state) {
        return new Alert(fingerprint, Map.of("alertname", name, "severity", "critical"), Map.of(), state, T0,
                T0.plus(Duration.ofMinutes(4)), null);
    }

    static ScriptedSource.Step alerts(Alert... alerts) {
        return () -> PollResult.ofAlerts(List.of(alerts), List.of(), 1);
    }

    /** Records every batch with the thread it came on. */
    static final class Recorder {
        final List<AlertBatch> batches = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        void accept(AlertBatch b) {
            threads.add(Thread.currentThread().getName());
            batches.add(b);
        }
    }

    @Test
    void aSuccessfulPollDeliversTheWholeSetBeforePollAllOnceReturns() {
        Alert firing = alert("c4c607c2dc9ce2b3", "TargetDown", AlertState.ACTIVE);
        Alert silenced = alert("fcfc599bbc7e6bab", "GPUMemoryHigh", AlertState.SILENCED);
        ScriptedSource am = new ScriptedSource("am", TEN_S, alerts(firing, silenced));
        PollerEngine engine = engine(am);
        Recorder heard = new Recorder();
        engine.subscribeAlerts(heard::accept);

        engine.pollAllOnce(DEADLINE);

        assertThat(heard.batches).singleElement().satisfies(b -> {
            assertThat(b.sourceId()).isEqualTo("am");
            assertThat(b.receivedAt()).isEqualTo(T0);
            assertThat(b.alerts()).containsExactly(firing, silenced);
        });
        assertThat(heard.threads).containsExactly("watchfloor-alerts");
    }

    @Test
    void pollAllOnceWaitsForASlowListener() throws Exception {
        ScriptedSource am = new ScriptedSource("am", TEN_S, alerts(alert("a", "A", AlertState.ACTIVE)));
        PollerEngine engine = engine(am);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<AlertBatch> done = new CopyOnWriteArrayList<>();
        engine.subscribeAlerts(b -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.add(b);
        });

        CompletableFuture<Void> cycle = CompletableFuture.runAsync(() -> engine.pollAllOnce(DEADLINE));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        // the listener has not returned, so the cycle cannot have either
        assertThat(cycle).isNotDone();
        release.countDown();
        cycle.get(10, TimeUnit.SECONDS);

        assertThat(done).hasSize(1);
    }

    /** A dead Alertmanager must not look like every alert resolving: no batch at all, not an empty one. */
    @Test
    void aFailedPollDeliversNothing() {
        ScriptedSource am = new ScriptedSource("am", TEN_S, alerts(alert("a", "A", AlertState.ACTIVE)));
        am.then(fail(Kind.UNREACHABLE, "connection refused by 127.0.0.1:9093"))
                .then(fail(Kind.AUTH, "authentication failed (HTTP 401)"));
        PollerEngine engine = engine(am);
        Recorder heard = new Recorder();
        engine.subscribeAlerts(heard::accept);

        engine.pollAllOnce(DEADLINE);
        assertThat(heard.batches).isEmpty();
        assertThat(status(engine.current(), "am").state()).isEqualTo(SourceState.DOWN);
        engine.pollAllOnce(DEADLINE);
        assertThat(heard.batches).isEmpty();
        assertThat(status(engine.current(), "am").state()).isEqualTo(SourceState.AUTH_FAILED);

        engine.pollAllOnce(DEADLINE);
        assertThat(heard.batches).singleElement().satisfies(b -> assertThat(b.alerts()).hasSize(1));
        assertThat(status(engine.current(), "am").state()).isEqualTo(SourceState.UP);
    }

    /** No alerts is a real answer ("all clear") and is delivered; a metrics source's result (alerts null) is not. */
    @Test
    void anEmptySetIsDeliveredButMetricSourcesDeliverNothing() {
        ScriptedSource am = new ScriptedSource("am", TEN_S, alerts());
        ScriptedSource prom = new ScriptedSource("prom", TEN_S, ok(gpu("a", 0, "prom", T0, 40)));
        PollerEngine engine = engine(am, prom);
        Recorder heard = new Recorder();
        engine.subscribeAlerts(heard::accept);

        engine.pollAllOnce(DEADLINE);

        assertThat(heard.batches).singleElement().satisfies(b -> {
            assertThat(b.sourceId()).isEqualTo("am");
            assertThat(b.alerts()).isEmpty();
        });
    }

    /** An alert source has no tiles; its state shows like any source's, warnings included. */
    @Test
    void anAlertSourceHasAStateButNoReadings() {
        ScriptedSource am = new ScriptedSource("am", TEN_S, () -> PollResult.ofAlerts(
                List.of(alert("b", "B", AlertState.ACTIVE)),
                List.of("skipped 1 of 2 alerts Alertmanager sent: #1 (A) has no fingerprint"), 1));
        PollerEngine engine = engine(am);
        Recorder heard = new Recorder();
        engine.subscribeAlerts(heard::accept);

        engine.pollAllOnce(DEADLINE);

        assertThat(engine.current().readings()).isEmpty();
        assertThat(status(engine.current(), "am").state()).isEqualTo(SourceState.DEGRADED);
        assertThat(store.status("am").state()).isEqualTo(SourceState.DEGRADED);
        assertThat(heard.batches).singleElement().satisfies(b -> assertThat(b.alerts()).extracting(Alert::fingerprint)
                .containsExactly("b"));
    }

    @Test
    void aThrowingListenerHurtsNeitherTheOthersNorTheEngine() {
        ScriptedSource am = new ScriptedSource("am", TEN_S, alerts(alert("a", "A", AlertState.ACTIVE)));
        PollerEngine engine = engine(am);
        List<AlertBatch> bad = new CopyOnWriteArrayList<>();
        engine.subscribeAlerts(b -> {
            bad.add(b);
            throw new IllegalStateException("incident desk bug");
        });
        Recorder good = new Recorder();
        engine.subscribeAlerts(good::accept);

        for (int i = 0; i < 3; i++) {
            engine.pollAllOnce(DEADLINE);
            clock.advance(TEN_S);
        }

        assertThat(bad).hasSize(3);
        assertThat(good.batches).extracting(AlertBatch::receivedAt)
                .containsExactly(T0, T0.plus(TEN_S), T0.plus(TEN_S).plus(TEN_S));
        assertThat(status(engine.current(), "am").state()).isEqualTo(SourceState.UP);
        assertThat(am.polls.get()).isEqualTo(3);
    }

    @Test
    void anUnsubscribedListenerHearsNoMore() throws Exception {
        ScriptedSource am = new ScriptedSource("am", TEN_S, alerts(alert("a", "A", AlertState.ACTIVE)));
        PollerEngine engine = engine(am);
        Recorder heard = new Recorder();
        AutoCloseable subscription = engine.subscribeAlerts(heard::accept);
        engine.pollAllOnce(DEADLINE);
        subscription.close();
        engine.pollAllOnce(DEADLINE);

        assertThat(heard.batches).hasSize(1);
    }

    /** The running engine: batches of scheduled polls arrive on the alerts thread, never a poll worker. */
    @Test
    void scheduledPollsDeliverOffThePollThreads() throws Exception {
        ScriptedSource am = new ScriptedSource("am", Duration.ofMillis(10), alerts(alert("a", "A", AlertState.ACTIVE)));
        am.then(fail(Kind.TIMEOUT, "no answer within 5 s"));
        PollerEngine engine = engine(am);
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        engine.subscribeAlerts(b -> threads.add(Thread.currentThread().getName()));

        engine.start();

        for (int i = 0; i < 3; i++) {
            assertThat(threads.poll(10, TimeUnit.SECONDS)).isEqualTo("watchfloor-alerts");
        }
        assertThat(am.polls.get()).as("the failed first poll delivered nothing").isGreaterThanOrEqualTo(4);
    }
}
