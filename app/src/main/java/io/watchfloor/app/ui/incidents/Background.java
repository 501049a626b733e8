package io.watchfloor.app.ui.incidents;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread the incident screens use for what must not run on the FX thread: reading attachments (the wall
 * snapshot thumbnails) and writing exported postmortems. One thread is plenty (a person clicks), and it ends itself
 * when idle, so a console that never opens an incident keeps no thread for it.
 */
final class Background {
    static final ExecutorService EXECUTOR = create();

    private Background() {
    }

    private static ExecutorService create() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "watchfloor-incidents-io");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
