package io.watchfloor.cache;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.watchfloor.cache.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disk writes per record() of 256 GPUs (2048 samples), ten times faster than a wall: one call every 100 ms of
 * wall time with samples 1 s apart, and H2's write delay cut from 10 s to 1 s, so that as many calls share a
 * save as on a wall at 1 Hz. Windows close and are packed every 60 calls, as there.
 * Writing every call through (a CHECKPOINT per record()) measured 94 KB per call this way (108 KB at a real
 * 1 Hz); the full-length figures are in docs/decisions/0002.
 */
class WriteVolumeTest {
    @TempDir
    Path dir;

    @Test
    void aRecordOf256GpusWritesFarLessThanWritingEachCallThrough() throws Exception {
        Assumptions.assumeTrue(WriteVolumeProbe.available(), "needs Linux /proc/self/io");
        TestData.MutableClock clock = new TestData.MutableClock(T0);
        int delayMs = CacheDatabase.WRITE_DELAY_MS / 10;
        H2TelemetryStore store = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, clock,
                ";WRITE_DELAY=" + delayMs);
        WriteVolumeProbe.Result r = WriteVolumeProbe.measure(store, dir.resolve(H2TelemetryStore.DB_FILE), tick -> {
            clock.set(T0.plusSeconds(tick));
            return clock.instant();
        }, 256, 100, 10, 120);
        System.out.println("write volume, 256 GPUs, 10x time lapse: " + r);
        // about 18 KB measured; a third of writing each call through
        assertThat(r.writeBytesPerRecord()).isLessThan(32 * 1024);
        assertThat(r.wcharPerRecord()).isLessThan(32 * 1024);
    }
}
