package io.watchfloor.cache;

import java.util.Arrays;

/**
 * Samples of one series that are journaled but not yet packed into blocks, sorted by time, one value per
 * time (a later write of the same time replaces the value). Thread-safe: the writer adds and removes,
 * readers copy ranges.
 */
final class SeriesBuffer {
    private long[] ts = new long[8];
    private double[] v = new double[8];
    private int start;
    private int end;

    /** Adds or replaces; returns 1 when the buffer grew, 0 when an equal time was replaced. */
    synchronized int add(long t, double value) {
        if (end == start || t > ts[end - 1]) {
            ensureTail();
            ts[end] = t;
            v[end] = value;
            end++;
            return 1;
        }
        int i = Arrays.binarySearch(ts, start, end, t);
        if (i >= 0) {
            v[i] = value;
            return 0;
        }
        int at = -i - 1;
        ensureTail();
        System.arraycopy(ts, at, ts, at + 1, end - at);
        System.arraycopy(v, at, v, at + 1, end - at);
        ts[at] = t;
        v[at] = value;
        end++;
        return 1;
    }

    private void ensureTail() {
        if (end < ts.length) {
            return;
        }
        int n = end - start;
        if (start > 0 && n <= ts.length / 2) {
            System.arraycopy(ts, start, ts, 0, n);
            System.arraycopy(v, start, v, 0, n);
        } else {
            int cap = Math.max(8, ts.length * 2);
            long[] nt = new long[cap];
            double[] nv = new double[cap];
            System.arraycopy(ts, start, nt, 0, n);
            System.arraycopy(v, start, nv, 0, n);
            ts = nt;
            v = nv;
        }
        start = 0;
        end = n;
    }

    synchronized int size() {
        return end - start;
    }

    /** Appends the samples with {@code from <= t <= to} to {@code out}. */
    synchronized void copyRange(long from, long to, SampleList out) {
        int a = lowerBound(from);
        int b = to == Long.MAX_VALUE ? end : lowerBound(to + 1);
        out.ensure(b - a);
        for (int i = a; i < b; i++) {
            out.add(ts[i], v[i]);
        }
    }

    /** The samples with {@code t < cutoff}, as a fresh list. */
    synchronized SampleList copyBefore(long cutoff) {
        int b = lowerBound(cutoff);
        SampleList out = new SampleList(b - start);
        for (int i = start; i < b; i++) {
            out.add(ts[i], v[i]);
        }
        return out;
    }

    /** Removes the samples with {@code t < cutoff}; returns how many. */
    synchronized int removeBefore(long cutoff) {
        int b = lowerBound(cutoff);
        int removed = b - start;
        start = b;
        if (start == end) {
            start = 0;
            end = 0;
            if (ts.length > 256) {
                ts = new long[8];
                v = new double[8];
            }
        }
        return removed;
    }

    private int lowerBound(long t) {
        int lo = start;
        int hi = end;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
