package io.watchfloor.cache;

import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TileKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.watchfloor.cache.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class H2TelemetryStoreTest {

    @TempDir
    Path dir;

    private final List<H2TelemetryStore> opened = new ArrayList<>();
    private final TestData.MutableClock clock = new TestData.MutableClock(T0);

    @AfterEach
    void closeAll() {
        opened.forEach(H2TelemetryStore::close);
    }

    private H2TelemetryStore open(RetentionPolicy policy) {
        H2TelemetryStore s = H2TelemetryStore.open(dir, policy, null, clock);
        opened.add(s);
        return s;
    }

    private H2TelemetryStore open() {
        return open(RetentionPolicy.DEFAULTS);
    }

    static long count(H2TelemetryStore s, String table) throws SQLException {
        try (Connection c = s.connectionForTests(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void latestReadingsRoundTripExactly() {
        H2TelemetryStore s = open();
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        m.put(Metric.UTIL_PCT, 97.0);
        m.put(Metric.TEMP_C, 61.0);
        m.put(Metric.POWER_W, 301.123456789);
        m.put(Metric.THROTTLE_REASONS, 4.0);
        Instant at = Instant.parse("2026-01-05T10:11:12.123456789Z");
        Reading mig = new Reading(TileKey.gpu("gpu-a1", "3", "GPU-8f2c-uuid", "1"), "NVIDIA H100 80GB HBM3",
                "prom-a", at, m, Set.of(Flag.THROTTLE, Flag.XID));
        Reading host = new Reading(TileKey.host("gpu-a1"), null, "ssh-lab", at.minusSeconds(5),
                Map.of(Metric.CPU_PCT, 12.5, Metric.DISK_USED_PCT, 80.0), Set.of());
        Reading bare = new Reading(TileKey.gpu("gpu-b2", "0", null, null), null, "demo", at, Map.of(), Set.of(Flag.DEMO));
        s.record(List.of(mig, host, bare));

        assertThat(s.latest()).containsExactlyInAnyOrder(mig, host, bare);
        s.close();
        assertThat(open().latest()).containsExactlyInAnyOrder(mig, host, bare);
    }

    @Test
    void latestKeepsTheNewestReadingPerTile() {
        H2TelemetryStore s = open();
        Reading older = TestData.gpu("h", 0, T0.plusSeconds(10), 10, 40);
        Reading newer = TestData.gpu("h", 0, T0.plusSeconds(20), 20, 41);
        s.record(List.of(newer));
        s.record(List.of(older)); // a slow source delivers late
        assertThat(s.latest()).containsExactly(newer);
        s.record(List.of(older, newer, older)); // same tile twice in one call
        assertThat(s.latest()).containsExactly(newer);
        // both samples are kept in the series, in time order
        Series util = s.series(Series.key("h/gpu0", Metric.UTIL_PCT), T0, T0.plusSeconds(60));
        assertThat(util.times()).containsExactly(T0.plusSeconds(10).toEpochMilli(), T0.plusSeconds(20).toEpochMilli());
        assertThat(util.values()).containsExactly(10.0, 20.0);
    }

    @Test
    void duplicateReadingsDoNotFailAndAreStoredOnce() throws SQLException {
        H2TelemetryStore s = open();
        List<Reading> batch = TestData.fleet(2, T0.plusSeconds(1), 5);
        s.record(batch);
        s.record(batch);
        s.record(List.of(batch.get(0), batch.get(0)));
        String key = Series.key("gpu-0/gpu0", Metric.UTIL_PCT);
        assertThat(s.series(key, T0, T0.plusSeconds(10)).size()).isEqualTo(1);
        // also once packed into blocks, and a duplicate arriving after packing
        clock.set(T0.plus(Duration.ofMinutes(5)));
        s.maintain(clock.instant());
        assertThat(count(s, "sample_blocks")).isPositive();
        s.record(batch);
        clock.set(T0.plus(Duration.ofMinutes(10)));
        s.maintain(clock.instant());
        Series series = s.series(key, T0, T0.plusSeconds(10));
        assertThat(series.size()).isEqualTo(1);
        assertThat(series.values()).containsExactly(5.0);
        assertThat(s.latest()).hasSize(16);
    }

    @Test
    void sourceStatusesRoundTripAndUpdate() {
        H2TelemetryStore s = open();
        SourceStatus pending = SourceStatus.pending("prom-a", "prometheus", Duration.ofSeconds(15), T0);
        SourceStatus down = new SourceStatus("ssh-lab", "ssh", SourceState.DOWN, T0.plusSeconds(3),
                "connect timed out after 5 s", T0.minusSeconds(60), T0.plusSeconds(30), 4, Duration.ofSeconds(10),
                T0.plusSeconds(70));
        s.recordSourceStatus(pending);
        s.recordSourceStatus(down);
        assertThat(s.sourceStatuses()).containsExactly(pending, down);
        SourceStatus up = new SourceStatus("prom-a", "prometheus", SourceState.UP, T0.plusSeconds(16), null,
                T0.plusSeconds(16), T0.plusSeconds(16), 0, Duration.ofSeconds(15), T0.plusSeconds(31));
        s.recordSourceStatus(up);
        s.close();
        assertThat(open().sourceStatuses()).containsExactly(up, down);
    }

    @Test
    void seriesReadsBufferedPackedAndReplayedSamples() throws SQLException {
        H2TelemetryStore s = open();
        String key = Series.key("h/gpu1", Metric.TEMP_C);
        for (int i = 0; i < 600; i++) { // 10 minutes at 1 s
            clock.set(T0.plusSeconds(i));
            s.record(List.of(TestData.gpu("h", 1, T0.plusSeconds(i), i % 100, i)));
        }
        // windows that closed more than 10 s ago are packed, the rest is buffered
        assertThat(count(s, "sample_blocks")).isEqualTo(2L * 9); // 2 metrics x 9 closed minutes
        assertThat(s.bufferedSamples()).isEqualTo(2L * 60);
        Series all = s.series(key, T0, T0.plusSeconds(600));
        assertThat(all.size()).isEqualTo(600);
        for (int i = 0; i < 600; i++) {
            assertThat(all.times()[i]).isEqualTo(T0.plusSeconds(i).toEpochMilli());
            assertThat(all.values()[i]).isEqualTo(i);
        }
        // a window in the middle, bounds inclusive
        Series part = s.series(key, T0.plusSeconds(59), T0.plusSeconds(121));
        assertThat(part.size()).isEqualTo(63);
        assertThat(part.values()[0]).isEqualTo(59.0);
        assertThat(s.series("no/such|series", T0, T0.plusSeconds(600))).isEqualTo(Series.EMPTY);
        assertThat(s.series(key, T0.plusSeconds(10), T0).size()).isZero();

        // the open window survives a restart through the journal, and is packed exactly once later
        s.close();
        H2TelemetryStore again = open();
        assertThat(again.bufferedSamples()).isEqualTo(2L * 60);
        assertThat(again.series(key, T0, T0.plusSeconds(600)).size()).isEqualTo(600);
        clock.set(T0.plus(Duration.ofMinutes(20)));
        again.maintain(clock.instant());
        assertThat(again.bufferedSamples()).isZero();
        assertThat(count(again, "sample_journal")).isZero();
        Series after = again.series(key, T0, T0.plusSeconds(600));
        assertThat(after.times()).isEqualTo(all.times());
        assertThat(after.values()).isEqualTo(all.values());
    }

    @Test
    void rollupsHoldExactMinMaxAvgAndMaintainIsIdempotent() throws SQLException {
        RetentionPolicy p = TestData.policy(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1));
        H2TelemetryStore s = open(p);
        String key = Series.key("h/gpu0", Metric.UTIL_PCT);
        int seconds = 3 * 3600;
        List<Reading> batch = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            // value cycles 0..59 within each minute: min 0, max 59, avg 29.5 per bucket; temp = minute number
            batch.add(TestData.gpu("h", 0, T0.plusSeconds(i), i % 60, i / 60));
            if (batch.size() == 600) {
                s.record(batch);
                batch.clear();
            }
        }
        Instant now = T0.plusSeconds(seconds);
        clock.set(now);
        s.maintain(now);

        // the two oldest hours are rolled up, the last hour is raw
        assertThat(count(s, "rollups")).isEqualTo(2L * 120);
        try (Connection c = s.connectionForTests(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT r.bucket_start, r.min_v, r.max_v, r.sum_v, r.sample_count,"
                     + " r.bucket_ms FROM rollups r JOIN series s ON s.id = r.series_id"
                     + " WHERE s.series_key = '" + key + "' ORDER BY r.bucket_start")) {
            int n = 0;
            while (rs.next()) {
                assertThat(rs.getLong(1)).isEqualTo(T0.plusSeconds(60L * n).toEpochMilli());
                assertThat(rs.getDouble(2)).isEqualTo(0.0);
                assertThat(rs.getDouble(3)).isEqualTo(59.0);
                assertThat(rs.getDouble(4) / rs.getInt(5)).isEqualTo(29.5);
                assertThat(rs.getInt(5)).isEqualTo(60);
                assertThat(rs.getLong(6)).isEqualTo(60_000L);
                n++;
            }
            assertThat(n).isEqualTo(120);
        }
        Series all = s.series(key, T0, now);
        assertThat(all.size()).isEqualTo(120 + 3600);
        for (int i = 0; i < 120; i++) {
            assertThat(all.times()[i]).isEqualTo(T0.plusSeconds(60L * i).toEpochMilli());
            assertThat(all.values()[i]).isEqualTo(29.5);
        }
        assertThat(all.times()[120]).isEqualTo(T0.plusSeconds(7200).toEpochMilli());
        assertThat(all.values()[120]).isEqualTo(0.0);
        Series temp = s.series(Series.key("h/gpu0", Metric.TEMP_C), T0, T0.plusSeconds(7199));
        for (int i = 0; i < 120; i++) {
            assertThat(temp.values()[i]).isEqualTo(i); // avg of a constant minute is exact
        }

        long blocks = count(s, "sample_blocks");
        s.maintain(now);
        s.maintain(now);
        assertThat(count(s, "rollups")).isEqualTo(240);
        assertThat(count(s, "sample_blocks")).isEqualTo(blocks);
        Series again = s.series(key, T0, now);
        assertThat(again.times()).isEqualTo(all.times());
        assertThat(again.values()).isEqualTo(all.values());

        // late samples for an already rolled bucket are merged into it
        s.record(List.of(TestData.gpu("h", 0, T0.plusMillis(500), 100, 0)));
        s.maintain(now);
        try (Connection c = s.connectionForTests(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT r.max_v, r.sample_count FROM rollups r JOIN series s"
                     + " ON s.id = r.series_id WHERE s.series_key = '" + key + "' AND r.bucket_start = "
                     + T0.toEpochMilli())) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(1)).isEqualTo(100.0);
            assertThat(rs.getInt(2)).isEqualTo(61);
        }

        // rollups older than the rollup retention go; the series and tile go when nothing is left
        Instant later = T0.plus(Duration.ofDays(1)).plus(Duration.ofHours(1));
        clock.set(later);
        s.maintain(later);
        assertThat(count(s, "rollups")).isEqualTo(2L * 120); // the former raw hour, now rolled up
        Instant muchLater = T0.plus(Duration.ofDays(3));
        clock.set(muchLater);
        s.maintain(muchLater);
        assertThat(count(s, "rollups")).isZero();
        assertThat(count(s, "sample_blocks")).isZero();
        assertThat(count(s, "series")).isZero();
        assertThat(s.latest()).isEmpty();
        assertThat(s.series(key, T0, muchLater).size()).isZero();
    }

    /**
     * 24 simulated hours of 128 series at 10 s in a few seconds, maintain() every 10 simulated minutes. Row
     * counts must stay flat; the file must stay within a small multiple of its live data, which takes the
     * fragmentation-triggered compaction (its threshold lowered from 64 MB to 2 MB for this small data set).
     */
    @Test
    void growthIsBounded() throws Exception {
        RetentionPolicy p = TestData.policy(Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofHours(2));
        H2TelemetryStore s = open(p);
        s.compactMinBytes(2L << 20);
        Path file = dir.resolve(H2TelemetryStore.DB_FILE);
        long maxBlocks = 0;
        long maxRollups = 0;
        long maxJournal = 0;
        long maxSizeAfterWarmup = 0;
        int hours = 24;
        for (int sec = 0; sec < hours * 3600; sec += 10) {
            Instant at = T0.plusSeconds(sec);
            clock.set(at);
            s.record(TestData.fleet(2, at, sec)); // 16 GPUs x 8 metrics = 128 series
            if (sec % 600 == 0) {
                if (sec >= 3 * 3600) {
                    maxSizeAfterWarmup = Math.max(maxSizeAfterWarmup, java.nio.file.Files.size(file));
                }
                s.maintain(at);
                maxBlocks = Math.max(maxBlocks, count(s, "sample_blocks"));
                maxRollups = Math.max(maxRollups, count(s, "rollups"));
                maxJournal = Math.max(maxJournal, count(s, "sample_journal"));
                if (sec >= 3 * 3600) {
                    maxSizeAfterWarmup = Math.max(maxSizeAfterWarmup, java.nio.file.Files.size(file));
                }
            }
        }
        assertThat(count(s, "series")).isEqualTo(128);
        // raw: 30 min + up to 10 min between maintenance runs + the open window, one block a minute per series
        assertThat(maxBlocks).isLessThanOrEqualTo(128L * 42);
        // rollups: 2 h of 1 min buckets (+ the 10 min between runs)
        assertThat(maxRollups).isLessThanOrEqualTo(128L * 131);
        assertThat(maxJournal).isLessThanOrEqualTo(12);
        System.out.printf("cache file: at most %.1f MB after warm-up, %.1f MB at the end%n",
                maxSizeAfterWarmup / 1e6, java.nio.file.Files.size(file) / 1e6);
        // the live data here is about 0.6 MB; uncompacted, the file crept past 12 MB in 24 h and kept growing
        assertThat(maxSizeAfterWarmup).isLessThan(4_000_000L);
        s.close();
        System.out.printf("cache file after close: %.1f MB%n", java.nio.file.Files.size(file) / 1e6);
        H2TelemetryStore again = open(p);
        assertThat(again.series(Series.key("gpu-1/gpu7", Metric.UTIL_PCT), T0, clock.instant()).size())
                // last maintain at 23:50: buckets from 21:50 to 23:19, raw from 23:20 to the last sample at 23:59:50
                .isEqualTo(90 + 240);
    }

    @Test
    void secondOpenInTheSameProcessIsRefusedClearly() {
        H2TelemetryStore s = open();
        assertThatThrownBy(() -> H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null))
                .isInstanceOf(CacheLockedException.class)
                .hasMessageContaining("data directory " + s.dataDir())
                .hasMessageContaining("already open")
                .hasMessageContaining("pid " + ProcessHandle.current().pid());
        s.close();
        open().close(); // free again after close
    }

    @Test
    void closedStoreSaysSo() {
        H2TelemetryStore s = open();
        s.close();
        s.close();
        assertThatThrownBy(s::latest).isInstanceOf(CacheException.class).hasMessageContaining("is closed");
    }

    @Test
    void concurrentReadersNeverSeeGapsWhileTheWriterPacksAndRollsUp() throws Exception {
        RetentionPolicy p = TestData.policy(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1));
        H2TelemetryStore s = open(p);
        s.compactMinBytes(1); // compact whenever more than half of the file is garbage: readers must wait, not fail
        String key = Series.key("gpu-0/gpu3", Metric.UTIL_PCT);
        int seconds = 1200;
        java.util.concurrent.atomic.AtomicLong committed = new java.util.concurrent.atomic.AtomicLong(-1);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < seconds; i++) {
                    Instant at = T0.plusSeconds(i);
                    clock.set(at);
                    s.record(TestData.fleet(4, at, i));
                    committed.set(i);
                    if (i % 120 == 0) {
                        s.maintain(at);
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            readers.add(new Thread(() -> {
                try {
                    while (writer.isAlive()) {
                        long last = committed.get();
                        Series series = s.series(key, T0, T0.plusSeconds(seconds));
                        s.latest();
                        // raw samples of the last 5 minutes are all there; older ones may be rolled up
                        long rawFrom = Math.max(0, last - 240);
                        long expected = last - rawFrom + 1;
                        long rawPoints = java.util.Arrays.stream(series.times())
                                .filter(t -> t >= T0.plusSeconds(rawFrom).toEpochMilli()).count();
                        if (last >= 0 && rawPoints < expected) {
                            throw new AssertionError("gap: " + rawPoints + " < " + expected + " at " + last);
                        }
                        for (int i = 1; i < series.size(); i++) {
                            if (series.times()[i] <= series.times()[i - 1]) {
                                throw new AssertionError("not strictly increasing at " + i);
                            }
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        writer.start();
        readers.forEach(Thread::start);
        writer.join();
        for (Thread t : readers) {
            t.join();
        }
        assertThat(failure.get()).isNull();
    }
}
