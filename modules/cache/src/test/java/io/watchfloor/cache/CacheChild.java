package io.watchfloor.cache;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs in a child JVM for {@link CrossProcessTest}: opens the cache, records {@code count} fleet batches (one
 * a simulated second, -1 = forever), printing "RECORDED i" after each record() returned, then "HOLDING" and
 * waits to be killed. It never closes the store. An optional third argument replaces H2's write delay (ms),
 * for tests that are about locking rather than durability.
 */
public final class CacheChild {
    private CacheChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String settings = args.length > 2 ? ";WRITE_DELAY=" + Integer.parseInt(args[2]) : "";
        H2TelemetryStore store = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, Clock.systemUTC(),
                settings);
        for (int i = 0; count < 0 || i < count; i++) {
            store.record(TestData.fleet(2, TestData.T0.plusSeconds(i), i));
            System.out.println("RECORDED " + i);
            System.out.flush();
        }
        System.out.println("HOLDING");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
