package io.watchfloor.sources.local;

import java.util.Optional;

/**
 * The aggregate {@code cpu} line of {@code /proc/stat}, in clock ticks since boot. Utilisation is the
 * busy share of the ticks between two snapshots, so a single snapshot gives none.
 *
 * @param busy  user + nice + system + irq + softirq + steal (guest time is already inside user and nice)
 * @param total busy + idle + iowait
 */
public record CpuTimes(long busy, long total) {

    public static Optional<CpuTimes> parse(String procStat) {
        return procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst().flatMap(CpuTimes::parseLine);
    }

    private static Optional<CpuTimes> parseLine(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 5) {
            return Optional.empty();
        }
        try {
            long[] v = new long[9];
            for (int i = 1; i < f.length && i <= 8; i++) {
                v[i] = Long.parseLong(f[i]);
            }
            long busy = v[1] + v[2] + v[3] + v[6] + v[7] + v[8];
            long idle = v[4] + v[5];
            return Optional.of(new CpuTimes(busy, busy + idle));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Percent busy since {@code earlier}, or null when no time passed or the counters went back (reboot). */
    public Double busyPercentSince(CpuTimes earlier) {
        long dt = total - earlier.total;
        long db = busy - earlier.busy;
        if (dt <= 0 || db < 0) {
            return null;
        }
        return Math.min(100.0, 100.0 * db / dt);
    }
}
