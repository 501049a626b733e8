package io.watchfloor.engine;

import static io.watchfloor.engine.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.PollResult;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SourceTrackerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final PollResult OK = PollResult.of(List.of());
    private final Backoff backoff = new Backoff(Duration.ofMinutes(5), () -> 0L); // jitter always 0.8

    private SourceTracker tracker(SourceStatus persisted) {
        return new SourceTracker("prom", "prometheus", INTERVAL, backoff, persisted, T0);
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void startsPending() {
        SourceStatus s = tracker(null).status();
        assertThat(s.state()).isEqualTo(SourceState.PENDING);
        assertThat(s.since()).isEqualTo(T0);
        assertThat(s.lastSuccessAt()).isNull();
    }

    @Test
    void upDownUpMovesSinceOnlyOnStateChanges() {
        SourceTracker t = tracker(null);
        SourceStatus up = t.onSuccess(OK, at(1));
        assertThat(up.state()).isEqualTo(SourceState.UP);
        assertThat(up.since()).isEqualTo(at(1));
        assertThat(t.onSuccess(OK, at(11)).since()).isEqualTo(at(1));

        SourceStatus down = t.onFailure(new SourceException(Kind.UNREACHABLE, "connection refused"), at(21));
        assertThat(down.state()).isEqualTo(SourceState.DOWN);
        assertThat(down.since()).isEqualTo(at(21));
        assertThat(down.lastError()).isEqualTo("connection refused");
        assertThat(down.lastSuccessAt()).isEqualTo(at(11));
        assertThat(down.lastAttemptAt()).isEqualTo(at(21));
        assertThat(down.consecutiveFailures()).isEqualTo(1);

        SourceStatus stillDown = t.onFailure(new SourceException(Kind.HTTP, "HTTP 503"), at(40));
        assertThat(stillDown.since()).isEqualTo(at(21));
        assertThat(stillDown.lastError()).isEqualTo("HTTP 503");
        assertThat(stillDown.consecutiveFailures()).isEqualTo(2);

        SourceStatus back = t.onSuccess(OK, at(60));
        assertThat(back.state()).isEqualTo(SourceState.UP);
        assertThat(back.since()).isEqualTo(at(60));
        assertThat(back.lastError()).isNull();
        assertThat(back.lastSuccessAt()).isEqualTo(at(60));
        assertThat(back.consecutiveFailures()).isZero();
    }

    @Test
    void warningsMakeItDegradedWithTheFirstWarning() {
        SourceTracker t = tracker(null);
        SourceStatus s = t.onSuccess(new PollResult(List.of(), List.of("query gpu_temp failed", "second"), 2), at(1));
        assertThat(s.state()).isEqualTo(SourceState.DEGRADED);
        assertThat(s.lastError()).isEqualTo("query gpu_temp failed");
        assertThat(s.lastSuccessAt()).isEqualTo(at(1));
        assertThat(s.isHealthy()).isTrue();
    }

    @Test
    void authFailuresAreTheirOwnState() {
        SourceTracker t = tracker(null);
        t.onFailure(new SourceException(Kind.UNREACHABLE, "dns"), at(1));
        SourceStatus s = t.onFailure(new SourceException(Kind.AUTH, "token expired"), at(2));
        assertThat(s.state()).isEqualTo(SourceState.AUTH_FAILED);
        assertThat(s.since()).isEqualTo(at(2));
        assertThat(s.lastError()).isEqualTo("token expired");
        assertThat(s.consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void aBlankMessageStillSaysSomething() {
        SourceStatus s = tracker(null).onFailure(new SourceException(Kind.MALFORMED, null), at(1));
        assertThat(s.lastError()).isEqualTo("malformed");
    }

    @Test
    void nextPollFollowsIntervalOrBackoff() {
        SourceTracker t = tracker(null);
        assertThat(t.onSuccess(OK, at(0)).nextPollAt()).isEqualTo(at(10));
        assertThat(t.onFailure(new SourceException(Kind.TIMEOUT, "slow"), at(0)).nextPollAt()).isEqualTo(at(10));
        assertThat(t.onFailure(new SourceException(Kind.TIMEOUT, "slow"), at(0)).nextPollAt()).isEqualTo(at(16));
        assertThat(t.onFailure(new SourceException(Kind.TIMEOUT, "slow"), at(0)).nextPollAt()).isEqualTo(at(32));
        assertThat(t.nextDelay(at(0))).isEqualTo(Duration.ofSeconds(32));
        assertThat(t.nextDelay(at(100))).isEqualTo(Duration.ZERO);
        assertThat(t.onSuccess(OK, at(0)).nextPollAt()).isEqualTo(at(10));
    }

    @Test
    void aSlowAnswerDoesNotMakeTheCadenceSlip() {
        SourceTracker t = tracker(null);
        // started at 0, answered at 3: the next poll is still at 10, not 13
        assertThat(t.onSuccess(OK, at(3), at(0)).nextPollAt()).isEqualTo(at(10));
        // an answer that took longer than the interval: poll again now, never in the past
        assertThat(t.onSuccess(OK, at(12), at(0)).nextPollAt()).isEqualTo(at(12));
    }

    @Test
    void restartKeepsHistoryButStartsPending() {
        Instant downSince = T0.minus(Duration.ofHours(20));
        Instant lastOk = T0.minus(Duration.ofHours(21));
        SourceStatus persisted = new SourceStatus("prom", "prometheus", SourceState.DOWN, downSince,
                "connection refused", lastOk, T0.minusSeconds(30), 57, INTERVAL, T0.plusSeconds(200));
        SourceTracker t = tracker(persisted);

        SourceStatus pending = t.status();
        assertThat(pending.state()).isEqualTo(SourceState.PENDING);
        assertThat(pending.lastError()).isEqualTo("connection refused");
        assertThat(pending.lastSuccessAt()).isEqualTo(lastOk);
        assertThat(pending.consecutiveFailures()).isZero();

        SourceStatus stillDown = t.onFailure(new SourceException(Kind.UNREACHABLE, "connection refused"), at(1));
        assertThat(stillDown.since()).as("down since yesterday, not since the restart").isEqualTo(downSince);
        assertThat(stillDown.lastSuccessAt()).isEqualTo(lastOk);
        assertThat(stillDown.consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void restartIntoADifferentStateStartsANewSince() {
        SourceStatus persisted = new SourceStatus("prom", "prometheus", SourceState.DOWN, T0.minusSeconds(999),
                "refused", null, null, 3, INTERVAL, null);
        SourceTracker t = tracker(persisted);
        assertThat(t.onSuccess(OK, at(1)).since()).isEqualTo(at(1));
    }

    @Test
    void restoreIsIgnoredOnceAPollAnsweredOrForAnotherSource() {
        SourceTracker t = tracker(null);
        SourceStatus other = new SourceStatus("other", "x", SourceState.DOWN, T0, "e", null, null, 1, INTERVAL, null);
        assertThat(t.restore(other, T0)).isFalse();
        t.onSuccess(OK, at(1));
        SourceStatus mine = new SourceStatus("prom", "x", SourceState.DOWN, T0, "e", null, null, 1, INTERVAL, null);
        assertThat(t.restore(mine, at(2))).isFalse();
        assertThat(t.status().state()).isEqualTo(SourceState.UP);
    }

    @Test
    void concurrentOutcomesAreNeverLost() throws Exception {
        SourceTracker t = tracker(null);
        int threads = 8;
        int each = 2000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> list = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int k = 0; k < each; k++) {
                    t.onFailure(new SourceException(Kind.HTTP, "503"), at(1));
                }
            });
            th.start();
            list.add(th);
        }
        go.countDown();
        for (Thread th : list) {
            th.join(10_000);
        }
        assertThat(t.status().consecutiveFailures()).isEqualTo(threads * each);
    }
}
