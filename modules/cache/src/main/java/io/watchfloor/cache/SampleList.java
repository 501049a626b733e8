package io.watchfloor.cache;

import java.util.Arrays;

/** A growable pair of primitive arrays (time, value), not thread-safe. */
final class SampleList {
    long[] ts;
    double[] v;
    int size;

    SampleList(int capacity) {
        ts = new long[Math.max(4, capacity)];
        v = new double[ts.length];
    }

    void ensure(int more) {
        int need = size + more;
        if (need > ts.length) {
            int cap = Math.max(need, ts.length + (ts.length >> 1));
            ts = Arrays.copyOf(ts, cap);
            v = Arrays.copyOf(v, cap);
        }
    }

    void add(long t, double value) {
        if (size == ts.length) {
            ensure(1);
        }
        ts[size] = t;
        v[size] = value;
        size++;
    }

    boolean strictlyIncreasing() {
        for (int i = 1; i < size; i++) {
            if (ts[i] <= ts[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sorts by time, stable, and keeps only the last of equal times (later additions win).
     */
    void sortDedupKeepLast() {
        if (strictlyIncreasing()) {
            return;
        }
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Long.compare(ts[a], ts[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        long[] nt = new long[size];
        double[] nv = new double[size];
        int n = 0;
        for (int k = 0; k < size; k++) {
            int i = idx[k];
            if (n > 0 && nt[n - 1] == ts[i]) {
                nv[n - 1] = v[i];
            } else {
                nt[n] = ts[i];
                nv[n] = v[i];
                n++;
            }
        }
        ts = nt;
        v = nv;
        size = n;
    }
}
