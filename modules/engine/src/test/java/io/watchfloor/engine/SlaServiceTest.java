package io.watchfloor.engine;

import static io.watchfloor.engine.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.endpoint.SlaBoard;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlaServiceTest {
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    @Test
    void publishesEachComputedBoardAndKeepsTheLastOneWhenAComputationFails() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BlockingQueue<SlaBoard> heard = new ArrayBlockingQueue<>(16);
        SlaBoard good = new SlaBoard(T0.plusSeconds(1), Map.of());
        try (SlaService service = new SlaService(() -> {
            if (calls.incrementAndGet() == 1) {
                return good;
            }
            throw new IllegalStateException("cache closed");
        }, Duration.ofMillis(10), clock)) {
            service.subscribe(heard::add);
            assertThat(service.current().computedAt()).isEqualTo(T0);

            service.start();

            assertThat(heard.poll(10, TimeUnit.SECONDS)).isSameAs(good);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (calls.get() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the failing runs publish nothing, so there is nothing to wait on but the count
            }
            assertThat(calls.get()).isGreaterThanOrEqualTo(3);
            assertThat(service.current()).isSameAs(good);
            assertThat(service.lastError()).isEqualTo("cache closed");
        }
    }

    @Test
    void refreshNowComputesOnTheCallersThread() {
        Thread[] ranOn = new Thread[1];
        try (SlaService service = new SlaService(() -> {
            ranOn[0] = Thread.currentThread();
            return SlaBoard.empty(T0.plusSeconds(5));
        }, Duration.ofHours(1), clock)) {
            SlaBoard b = service.refreshNow();
            assertThat(ranOn[0]).isSameAs(Thread.currentThread());
            assertThat(service.current()).isSameAs(b);
        }
    }
}
