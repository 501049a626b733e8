package io.watchfloor.sources.local;

import io.watchfloor.model.Metric;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Samples this machine: CPU from {@code /proc/stat} deltas, memory from {@code /proc/meminfo}, disk use
 * of one path. Where a /proc file is missing (not Linux) its metrics are left out: no reading, no zero.
 * Keeps the previous CPU counters, so the first sample has no CPU value.
 */
public final class HostProbe {
    private final Path procStat;
    private final Path procMeminfo;
    private final Path disk;
    private CpuTimes previousCpu;

    public HostProbe(Path procStat, Path procMeminfo, Path disk) {
        this.procStat = procStat;
        this.procMeminfo = procMeminfo;
        this.disk = disk;
    }

    /** The probe for the real machine. */
    public static HostProbe forThisMachine(Path disk) {
        return new HostProbe(Path.of("/proc/stat"), Path.of("/proc/meminfo"), disk);
    }

    /** Host metrics now; problems worth showing (a wrong disk path) go to {@code warnings}. */
    public Map<Metric, Double> sample(List<String> warnings) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        read(procStat, warnings).flatMap(CpuTimes::parse).ifPresent(now -> {
            if (previousCpu != null) {
                Double pct = now.busyPercentSince(previousCpu);
                if (pct != null) {
                    m.put(Metric.CPU_PCT, pct);
                }
            }
            previousCpu = now;
        });
        read(procMeminfo, warnings).map(MemInfo::parse).ifPresent(mem -> mem.totalKib().ifPresent(total -> {
            m.put(Metric.MEM_TOTAL_MIB, total / 1024.0);
            mem.availableKib().ifPresent(avail -> m.put(Metric.MEM_USED_MIB, (total - avail) / 1024.0));
        }));
        diskUsedPercent(warnings).ifPresent(pct -> m.put(Metric.DISK_USED_PCT, pct));
        return m;
    }

    private static Optional<String> read(Path file, List<String> warnings) {
        try {
            return Optional.of(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // not Linux, or no procfs: skip quietly
        } catch (IOException e) {
            warnings.add("cannot read " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** As {@code df} computes Use%: used / (used + available to users); root's reserve is not "free". */
    private Optional<Double> diskUsedPercent(List<String> warnings) {
        try {
            FileStore store = Files.getFileStore(disk);
            long used = store.getTotalSpace() - store.getUnallocatedSpace();
            long base = used + store.getUsableSpace();
            return base > 0 ? Optional.of(100.0 * used / base) : Optional.empty();
        } catch (NoSuchFileException e) {
            warnings.add("disk " + disk + ": no such file or directory");
        } catch (IOException e) {
            warnings.add("disk " + disk + ": " + e.getMessage());
        }
        return Optional.empty();
    }
}
