package io.watchfloor.sources.probe;

import static io.watchfloor.sources.probe.ConsoleNetwork.Outcome.CONNECTION_FAILED;
import static io.watchfloor.sources.probe.ConsoleNetwork.Outcome.REACHED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The "is it us?" rule: only connection-level failures on two or more remote hosts, with no sign of life, count. */
class ConsoleNetworkTest {
    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final ConsoleNetwork net = new ConsoleNetwork(clock, WINDOW);

    @Test
    void nothingRecordedIsNotDown() {
        assertThat(net.looksDown()).isFalse();
    }

    @Test
    void oneRemoteHostFailingIsThatHostsProblem() {
        net.record("probe:a", "a.example", CONNECTION_FAILED);
        net.record("probe:a2", "a.example", CONNECTION_FAILED);

        assertThat(net.looksDown()).isFalse();
    }

    @Test
    void twoRemoteHostsFailingAtConnectionLevelLooksDown() {
        net.record("probe:a", "a.example", CONNECTION_FAILED);
        net.record("probe:b", "B.example", CONNECTION_FAILED);

        assertThat(net.looksDown()).isTrue();
    }

    @Test
    void anyRemoteAnswerMeansThePathWorks() {
        net.record("probe:a", "a.example", CONNECTION_FAILED);
        net.record("probe:b", "b.example", CONNECTION_FAILED);
        net.record("probe:c", "c.example", REACHED);

        assertThat(net.looksDown()).isFalse();
    }

    @Test
    void loopbackTargetsNeverMakeItLookDown() {
        net.record("probe:l1", "localhost", CONNECTION_FAILED);
        net.record("probe:l2", "127.0.0.2", CONNECTION_FAILED);
        net.record("probe:l3", "::1", CONNECTION_FAILED);
        net.record("probe:a", "a.example", CONNECTION_FAILED);

        assertThat(net.looksDown()).isFalse();
    }

    @Test
    void reachingALocalServerProvesNothingAboutTheOutsideNetwork() {
        net.record("probe:local", "127.0.0.1", REACHED);
        net.record("probe:a", "a.example", CONNECTION_FAILED);
        net.record("probe:b", "b.example", CONNECTION_FAILED);

        assertThat(net.looksDown()).isTrue();
    }

    @Test
    void onlyTheLatestOutcomeOfEachProbeCounts() {
        net.record("probe:a", "a.example", REACHED);
        net.record("probe:b", "b.example", CONNECTION_FAILED);
        assertThat(net.looksDown()).isFalse();

        net.record("probe:a", "a.example", CONNECTION_FAILED);
        assertThat(net.looksDown()).isTrue();

        net.record("probe:b", "b.example", REACHED);
        assertThat(net.looksDown()).as("recovered").isFalse();
    }

    @Test
    void outcomesOlderThanTheWindowAreForgotten() {
        net.record("probe:c", "c.example", REACHED);
        clock.advance(WINDOW.plusSeconds(1));
        net.record("probe:a", "a.example", CONNECTION_FAILED);
        net.record("probe:b", "b.example", CONNECTION_FAILED);

        assertThat(net.looksDown()).as("the old success of c no longer vouches for the network").isTrue();

        clock.advance(WINDOW.plusSeconds(1));
        assertThat(net.looksDown()).as("nothing recent: no verdict").isFalse();
    }

    @Test
    void anOutcomeExactlyAtTheWindowEdgeStillCounts() {
        net.record("probe:c", "c.example", REACHED);
        clock.advance(WINDOW);
        net.record("probe:a", "a.example", CONNECTION_FAILED);
        net.record("probe:b", "b.example", CONNECTION_FAILED);

        assertThat(net.looksDown()).isFalse();
    }

    @Test
    void aProbeMovedToLoopbackDropsItsRemoteOutcome() {
        net.record("probe:a", "a.example", CONNECTION_FAILED);
        net.record("probe:b", "b.example", CONNECTION_FAILED);
        net.record("probe:b", "127.0.0.1", CONNECTION_FAILED);

        assertThat(net.looksDown()).isFalse();
    }

    @Test
    void loopbackNames() {
        assertThat(ConsoleNetwork.isLoopback("localhost")).isTrue();
        assertThat(ConsoleNetwork.isLoopback("LOCALHOST")).isTrue();
        assertThat(ConsoleNetwork.isLoopback("vllm.localhost")).isTrue();
        assertThat(ConsoleNetwork.isLoopback("127.0.0.1")).isTrue();
        assertThat(ConsoleNetwork.isLoopback("127.8.9.10")).isTrue();
        assertThat(ConsoleNetwork.isLoopback("::1")).isTrue();
        assertThat(ConsoleNetwork.isLoopback("[::1]")).isTrue();
        assertThat(ConsoleNetwork.isLoopback("0:0:0:0:0:0:0:1")).isTrue();

        assertThat(ConsoleNetwork.isLoopback("128.0.0.1")).isFalse();
        assertThat(ConsoleNetwork.isLoopback("10.0.0.1")).isFalse();
        assertThat(ConsoleNetwork.isLoopback("127.example.com")).isFalse();
        assertThat(ConsoleNetwork.isLoopback("localhost.example.com")).isFalse();
        assertThat(ConsoleNetwork.isLoopback("::2")).isFalse();
    }

    @Test
    void manyProbesRecordingAtOnceLeaveAConsistentVerdict() throws Exception {
        int threads = 8;
        int probesPerThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < probesPerThread; i++) {
                        net.record("probe:" + thread + "-" + i, "h" + thread + ".example", CONNECTION_FAILED);
                        net.looksDown();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(net.looksDown()).isTrue();
        net.record("probe:0-0", "h0.example", REACHED);
        assertThat(net.looksDown()).isFalse();
    }
}
