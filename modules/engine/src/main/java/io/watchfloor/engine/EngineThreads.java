package io.watchfloor.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names engine threads ("watchfloor-poll-1", "watchfloor-writer") so a thread dump of a wall that has run for a
 * week says who is who, and makes them daemons so a forgotten engine never keeps the JVM alive. An uncaught
 * throwable is logged rather than lost (pool tasks catch their own, this is the last line).
 */
final class EngineThreads implements ThreadFactory {
    private static final Logger LOG = LoggerFactory.getLogger(EngineThreads.class);

    private final String prefix;
    private final boolean numbered;
    private final AtomicInteger count = new AtomicInteger();

    private EngineThreads(String prefix, boolean numbered) {
        this.prefix = prefix;
        this.numbered = numbered;
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, ... */
    static EngineThreads numbered(String prefix) {
        return new EngineThreads(prefix, true);
    }

    /** A single thread named {@code name} (a replacement after a crash gets the same name). */
    static EngineThreads single(String name) {
        return new EngineThreads(name, false);
    }

    @Override
    public Thread newThread(Runnable r) {
        String name = numbered ? prefix + "-" + count.incrementAndGet() : prefix;
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((th, e) -> LOG.error("uncaught in {}", th.getName(), e));
        return t;
    }
}
