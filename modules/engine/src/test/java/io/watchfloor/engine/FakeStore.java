package io.watchfloor.engine;

import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TelemetryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory TelemetryStore; writes can be made to fail. */
class FakeStore implements TelemetryStore {
    private final Map<String, Reading> latest = new LinkedHashMap<>();
    private final Map<String, SourceStatus> statuses = new LinkedHashMap<>();
    private final Map<String, List<long[]>> seriesTimes = new HashMap<>();
    private final Map<String, List<Double>> seriesValues = new HashMap<>();
    final AtomicInteger recordCalls = new AtomicInteger();
    final AtomicInteger maintainCalls = new AtomicInteger();
    final CountDownLatch maintained = new CountDownLatch(1);
    volatile String failWrites;
    volatile boolean closed;
    volatile Thread lastWriterThread;

    @Override
    public synchronized void record(Collection<Reading> readings) {
        lastWriterThread = Thread.currentThread();
        if (failWrites != null) {
            throw new IllegalStateException(failWrites);
        }
        recordCalls.incrementAndGet();
        for (Reading r : readings) {
            latest.put(r.tileId(), r);
            for (Map.Entry<Metric, Double> e : r.metrics().entrySet()) {
                addSample(Series.key(r.tileId(), e.getKey()), r.sampledAt().toEpochMilli(), e.getValue());
            }
        }
    }

    synchronized void addSample(String key, long t, double v) {
        seriesTimes.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {t});
        seriesValues.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
    }

    synchronized void putLatest(Reading r) {
        latest.put(r.tileId(), r);
    }

    final List<io.watchfloor.model.endpoint.AvailabilityObservation> availability = new ArrayList<>();

    @Override
    public synchronized void recordAvailability(List<io.watchfloor.model.endpoint.AvailabilityObservation> obs) {
        availability.addAll(obs);
    }

    synchronized List<io.watchfloor.model.endpoint.AvailabilityObservation> availability() {
        return List.copyOf(availability);
    }

    @Override
    public synchronized List<Reading> latest() {
        return List.copyOf(latest.values());
    }

    @Override
    public synchronized void recordSourceStatus(SourceStatus status) {
        if (failWrites != null) {
            throw new IllegalStateException(failWrites);
        }
        statuses.put(status.id(), status);
    }

    @Override
    public synchronized List<SourceStatus> sourceStatuses() {
        return List.copyOf(statuses.values());
    }

    synchronized SourceStatus status(String id) {
        return statuses.get(id);
    }

    @Override
    public synchronized Series series(String seriesKey, Instant from, Instant to) {
        List<long[]> ts = seriesTimes.getOrDefault(seriesKey, List.of());
        List<Double> vs = seriesValues.getOrDefault(seriesKey, List.of());
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            long t = ts.get(i)[0];
            if (t >= from.toEpochMilli() && t <= to.toEpochMilli()) {
                keep.add(i);
            }
        }
        long[] times = new long[keep.size()];
        double[] values = new double[keep.size()];
        for (int k = 0; k < keep.size(); k++) {
            times[k] = ts.get(keep.get(k))[0];
            values[k] = vs.get(keep.get(k));
        }
        return new Series(times, values);
    }

    @Override
    public void maintain(Instant now) {
        maintainCalls.incrementAndGet();
        maintained.countDown();
    }

    @Override
    public void close() {
        closed = true;
    }
}
