package io.watchfloor.engine;

import static io.watchfloor.engine.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.incident.AlertBatch;
import io.watchfloor.model.incident.AlertState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue between alert polls and a listener that falls behind: bounded per source, never blocking, flushable. */
class AlertPublisherTest {
    private final AlertPublisher publisher = new AlertPublisher();

    @AfterEach
    void close() {
        publisher.close();
    }

    private static AlertBatch batch(String source, int second, String... fingerprints) {
        return new AlertBatch(source, T0.plusSeconds(second), java.util.Arrays.stream(fingerprints)
                .map(f -> AlertRoutingTest.alert(f, f, AlertState.ACTIVE)).toList());
    }

    private static String name(AlertBatch b) {
        return b.sourceId() + "@" + (b.receivedAt().getEpochSecond() - T0.getEpochSecond());
    }

    /** While the listener is stuck, a source's newer set replaces its waiting one, in the waiting one's place. */
    @Test
    void aNewerBatchOfASourceSupersedesItsUndeliveredOne() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> heard = new CopyOnWriteArrayList<>();
        publisher.subscribe(b -> {
            heard.add(name(b));
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        publisher.publish(batch("am", 0, "a"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        publisher.publish(batch("am", 1, "a"));
        publisher.publish(batch("am-eu", 1, "x"));
        publisher.publish(batch("am", 2, "a", "b"));
        assertThat(publisher.flush(Duration.ofMillis(1))).as("the listener is still stuck").isFalse();
        release.countDown();

        assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(heard).containsExactly("am@0", "am@2", "am-eu@1");
    }

    @Test
    void flushWithNothingQueuedOrNoListenerReturnsAtOnce() throws Exception {
        assertThat(publisher.flush(Duration.ZERO)).isTrue();
        publisher.publish(batch("am", 0, "a"));
        assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void nothingIsDeliveredAfterClose() throws Exception {
        List<AlertBatch> heard = new CopyOnWriteArrayList<>();
        publisher.subscribe(heard::add);
        publisher.publish(batch("am", 0, "a"));
        assertThat(publisher.flush(Duration.ofSeconds(10))).isTrue();
        publisher.close();
        publisher.publish(batch("am", 1, "a"));

        assertThat(publisher.awaitTermination(5000)).isTrue();
        assertThat(heard).hasSize(1);
    }
}
