package io.watchfloor.incidents.notify;

import static org.assertj.core.api.Assertions.fail;

import io.watchfloor.incidents.DeliveryStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The dispatcher's listener in tests: keeps every published state; tests wait for a state, not for time. */
final class StatusRecorder implements Consumer<List<DeliveryStatus>> {
    private static final long WAIT_MS = TimeUnit.SECONDS.toMillis(20);
    private final List<List<DeliveryStatus>> published = new ArrayList<>();

    @Override
    public synchronized void accept(List<DeliveryStatus> statuses) {
        published.add(statuses);
        notifyAll();
    }

    synchronized List<List<DeliveryStatus>> all() {
        return List.copyOf(published);
    }

    synchronized DeliveryStatus latest(String channelId) {
        return published.isEmpty() ? null : find(published.get(published.size() - 1), channelId);
    }

    /** Waits until the newest published state of the channel satisfies {@code condition}; fails after 20 s. */
    synchronized DeliveryStatus await(String channelId, String what, Predicate<DeliveryStatus> condition) {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (true) {
            DeliveryStatus s = latest(channelId);
            if (s != null && condition.test(s)) {
                return s;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return fail("channel " + channelId + " never reached: " + what + "; last state " + s);
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }
    }

    private static DeliveryStatus find(List<DeliveryStatus> list, String channelId) {
        return list.stream().filter(s -> s.channelId().equals(channelId)).findFirst().orElse(null);
    }
}
