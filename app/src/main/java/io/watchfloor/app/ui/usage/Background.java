package io.watchfloor.app.ui.usage;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The thread the Usage page builds and exports reports on (both read the cache or write files). One is enough: a
 * person asks for one report at a time, and a newer choice makes the older result be dropped anyway. It ends itself
 * when idle, so a console that never opens the page keeps no thread for it.
 */
final class Background {
    static final ExecutorService EXECUTOR = create();

    private Background() {
    }

    private static ExecutorService create() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "watchfloor-usage-io");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
