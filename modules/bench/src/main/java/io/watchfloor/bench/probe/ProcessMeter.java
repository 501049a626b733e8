package io.watchfloor.bench.probe;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;

/** This JVM's own figures: CPU time, threads, heap, GC. */
final class ProcessMeter {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time and wall clock at one instant, with the collectors' totals so far. */
    record Sample(long wallNanos, long cpuNanos, long gcCount, long gcMillis) {
        static Sample now() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            return new Sample(System.nanoTime(), OS.getProcessCpuTime(), count, millis);
        }

        /** CPU used between {@code earlier} and this sample, as a percentage of one core. */
        double pctOfOneCoreSince(Sample earlier) {
            return 100.0 * (cpuNanos - earlier.cpuNanos) / (wallNanos - earlier.wallNanos);
        }
    }

    private ProcessMeter() {
    }

    static int threads() {
        return THREADS.getThreadCount();
    }

    static int peakThreads() {
        return THREADS.getPeakThreadCount();
    }

    /** Heap in use right after a full collection: the live set. */
    static long heapAfterGc() {
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    static long heapMax() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
