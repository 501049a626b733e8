package io.watchfloor.engine;

import io.watchfloor.model.PollResult;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Source whose answers the test scripts step by step; when the script runs dry it repeats the fallback.
 * Counts polls and how many ran at once, and signals each poll start through a semaphore.
 */
final class ScriptedSource implements Source {
    @FunctionalInterface
    interface Step {
        PollResult run() throws SourceException, InterruptedException;
    }

    private final String id;
    private final Duration interval;
    private final ConcurrentLinkedQueue<Step> script = new ConcurrentLinkedQueue<>();
    private volatile Step fallback;
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicInteger interrupted = new AtomicInteger();
    final Semaphore started = new Semaphore(0);
    final CountDownLatch closed = new CountDownLatch(1);

    ScriptedSource(String id, Duration interval, Step fallback) {
        this.id = id;
        this.interval = interval;
        this.fallback = fallback;
    }

    ScriptedSource then(Step step) {
        script.add(step);
        return this;
    }

    void fallback(Step step) {
        this.fallback = step;
    }

    /** Waits until {@code n} more polls have started since the last call. */
    boolean awaitPolls(int n, long seconds) throws InterruptedException {
        return started.tryAcquire(n, seconds, TimeUnit.SECONDS);
    }

    @Override
    public String id() {
        return id;
    }

    volatile String lane = LANE_SOURCES;

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public String lane() {
        return lane;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public PollResult poll() throws SourceException {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        polls.incrementAndGet();
        started.release();
        try {
            Step step = script.poll();
            return (step != null ? step : fallback).run();
        } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            Thread.currentThread().interrupt();
            throw new SourceException(SourceException.Kind.UNREACHABLE, "interrupted");
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
