package io.watchfloor.sources.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Thresholds;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grouping real dcgm-exporter captures (and lines derived from them) into GPU tiles. */
class DcgmGrouperTest {
    static final long SCRAPED = 1773114089000L;

    /** Feeds an exposition text the way a scrape would: lines without timestamp get the scrape time. */
    static List<Reading> group(String exposition) {
        DcgmGrouper g = new DcgmGrouper("file", Thresholds.DEFAULTS);
        for (ExpositionParser.Sample s : ExpositionParser.parse(exposition)) {
            g.add(s.name(), s.labels(), s.value(), s.timestampMillis().orElse(SCRAPED));
        }
        return g.readings();
    }

    static String l4() {
        return Fixtures.dcgm(ExpositionParserTest.L4);
    }

    /** The L4 capture with one metric's value replaced, e.g. by a blank sentinel. */
    static String l4With(String metric, String value) {
        return withValue(l4(), metric, value);
    }

    static String withValue(String exposition, String metric, String value) {
        StringBuilder b = new StringBuilder();
        boolean found = false;
        for (String line : exposition.lines().toList()) {
            if (line.startsWith(metric + "{")) {
                line = line.substring(0, line.lastIndexOf(' ')) + " " + value;
                found = true;
            }
            b.append(line).append('\n');
        }
        assertThat(found).as(metric + " in the capture").isTrue();
        return b.toString();
    }

    /** A real L4 line renamed to a field the capture does not have (same labels, other metric). */
    static String l4Line(String asMetric, String value) {
        String line = l4().lines().filter(l -> l.startsWith("DCGM_FI_DEV_GPU_TEMP{")).findFirst().orElseThrow();
        return asMetric + line.substring(line.indexOf('{'), line.lastIndexOf(' ')) + " " + value + "\n";
    }

    static Reading only(List<Reading> readings) {
        assertThat(readings).hasSize(1);
        return readings.get(0);
    }

    @Test
    void l4Capture() {
        Reading r = only(group(l4()));
        assertThat(r.tileId()).isEqualTo("i-030791dc5a37cd257/gpu0");
        assertThat(r.key().uuid()).isEqualTo("GPU-c2f76b33-7953-256e-8f33-1343419b1a1c");
        assertThat(r.key().migInstance()).isNull();
        assertThat(r.model()).isEqualTo("NVIDIA L4");
        assertThat(r.sampledAt()).isEqualTo(Instant.ofEpochMilli(SCRAPED));
        assertThat(r.metrics()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Metric.UTIL_PCT, 0.0, Metric.MEM_USED_MIB, 0.0,
                Metric.MEM_TOTAL_MIB, 23033.0, // used 0 + free 22563 + reserved 470
                Metric.TEMP_C, 31.0, Metric.POWER_W, 16.365, Metric.SM_CLOCK_MHZ, 210.0));
        assertThat(r.flags()).isEmpty(); // ROW_REMAP_FAILURE is 0
    }

    @Test
    void l40s() {
        Reading r = only(group(Fixtures.dcgm(ExpositionParserTest.L40S)));
        assertThat(r.tileId()).isEqualTo("gpu1-wl8sg/gpu0");
        assertThat(r.model()).isEqualTo("NVIDIA L40S");
        assertThat(r.value(Metric.MEM_TOTAL_MIB)).isEqualTo(46067.0); // 0 + 45459 + 608
        assertThat(r.value(Metric.TEMP_C)).isEqualTo(32.0);
        assertThat(r.value(Metric.POWER_W)).isEqualTo(35.686);
    }

    @Test
    void eightH100WithPodAttribution() {
        List<Reading> rs = group(Fixtures.dcgm(ExpositionParserTest.H100));
        assertThat(rs).extracting(Reading::tileId).containsExactly(
                "gpu-node-1/gpu0", "gpu-node-1/gpu1", "gpu-node-1/gpu2", "gpu-node-1/gpu3",
                "gpu-node-1/gpu4", "gpu-node-1/gpu5", "gpu-node-1/gpu6", "gpu-node-1/gpu7");
        assertThat(rs).extracting(Reading::model).containsOnly("NVIDIA H100 80GB HBM3");
        assertThat(rs.get(0).value(Metric.POWER_W)).isEqualTo(113.611);
        assertThat(rs.get(0).value(Metric.TEMP_C)).isEqualTo(30.0);
        assertThat(rs.get(7).value(Metric.TEMP_C)).isEqualTo(26.0);
        assertThat(rs).allSatisfy(r -> assertThat(r.has(Metric.MEM_TOTAL_MIB)).isFalse()); // no FB in the subset
    }

    /** Two T4 hosts; the unlabelled samples and the A10G's PROF-only line make no tile. */
    @Test
    void teslaT4MixedFile() {
        List<Reading> rs = group(Fixtures.dcgm(ExpositionParserTest.T4));
        assertThat(rs).extracting(Reading::tileId).containsExactly("424773df46e0/gpu0", "551bdf382151/gpu0");
        Reading first = rs.get(0);
        assertThat(first.value(Metric.SM_CLOCK_MHZ)).isEqualTo(300.0);
        assertThat(first.value(Metric.POWER_W)).isEqualTo(8.969);
        assertThat(first.value(Metric.MEM_TOTAL_MIB)).isEqualTo(15109.0);
        assertThat(first.value(Metric.XID_LAST)).isZero();
        assertThat(first.flags()).isEmpty();
        Reading second = rs.get(1);
        assertThat(second.value(Metric.THROTTLE_REASONS)).isEqualTo(1.0); // GPU idle: not a throttle flag
        assertThat(second.flags()).isEmpty();
        assertThat(second.has(Metric.UTIL_PCT)).isFalse();
    }

    @Test
    void blankSentinelsAreNoReadingNeverZero() {
        Reading r = only(group(l4With("DCGM_FI_DEV_GPU_TEMP", "2147483632"))); // DCGM_INT32_BLANK
        assertThat(r.has(Metric.TEMP_C)).isFalse();
        assertThat(r.has(Metric.UTIL_PCT)).isTrue();

        assertThat(only(group(l4With("DCGM_FI_DEV_POWER_USAGE", "140737488355328"))).has(Metric.POWER_W)).isFalse();
        assertThat(only(group(l4With("DCGM_FI_DEV_SM_CLOCK", "9223372036854775792"))).has(Metric.SM_CLOCK_MHZ)).isFalse();
        assertThat(only(group(l4With("DCGM_FI_DEV_GPU_UTIL", "NaN"))).has(Metric.UTIL_PCT)).isFalse();
        Reading noUsed = only(group(l4With("DCGM_FI_DEV_FB_USED", "2147483634"))); // DCGM_INT32_NOT_SUPPORTED
        assertThat(noUsed.has(Metric.MEM_USED_MIB)).isFalse();
        assertThat(noUsed.has(Metric.MEM_TOTAL_MIB)).isFalse();
    }

    @Test
    void xidFlagCarriesTheCode() {
        Reading r = only(group(l4() + l4Line("DCGM_FI_DEV_XID_ERRORS", "79")));
        assertThat(r.flags()).containsExactly(Flag.XID);
        assertThat(r.value(Metric.XID_LAST)).isEqualTo(79.0);
    }

    @Test
    void eccFlagFromDoubleBitErrorsRowRemapFailureOrPendingRetirement() {
        Reading dbe = only(group(l4() + l4Line("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", "2")));
        assertThat(dbe.flags()).containsExactly(Flag.ECC);
        assertThat(dbe.value(Metric.ECC_DBE)).isEqualTo(2.0);
        assertThat(only(group(l4With("DCGM_FI_DEV_ROW_REMAP_FAILURE", "1"))).flags()).containsExactly(Flag.ECC);
        assertThat(only(group(l4() + l4Line("DCGM_FI_DEV_RETIRED_PENDING", "1"))).flags()).containsExactly(Flag.ECC);
        assertThat(only(group(l4() + l4Line("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", "0"))).flags()).isEmpty();
    }

    @Test
    void throttleFlagOnlyForAlarmingReasons() {
        String oldName = "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS";
        assertThat(only(group(l4() + l4Line(oldName, "4"))).flags()).isEmpty(); // SW power cap: normal under load
        assertThat(only(group(l4() + l4Line(oldName, "68"))).flags()).containsExactly(Flag.THROTTLE); // 0x40|0x4
        assertThat(only(group(l4() + l4Line(oldName, "8"))).flags()).containsExactly(Flag.THROTTLE);
        assertThat(only(group(l4() + l4Line(oldName, "128"))).flags()).containsExactly(Flag.THROTTLE);
        Reading newName = only(group(l4() + l4Line("DCGM_FI_DEV_CLOCKS_EVENT_REASONS", "32")));
        assertThat(newName.flags()).containsExactly(Flag.THROTTLE);
        assertThat(newName.value(Metric.THROTTLE_REASONS)).isEqualTo(32.0);
    }

    @Test
    void heldIdleWhenMemoryIsHeldWithoutWork() {
        Reading held = only(group(l4With("DCGM_FI_DEV_FB_USED", "20000")));
        assertThat(held.flags()).containsExactly(Flag.HELD_IDLE); // 0 % util, 46 % of memory
        assertThat(held.value(Metric.MEM_TOTAL_MIB)).isEqualTo(43033.0);
        String busy = withValue(l4With("DCGM_FI_DEV_FB_USED", "20000"), "DCGM_FI_DEV_GPU_UTIL", "87");
        assertThat(only(group(busy)).value(Metric.UTIL_PCT)).isEqualTo(87.0);
        assertThat(only(group(busy)).flags()).isEmpty();
    }

    /** The 16xH100 API answer's labels, fed with explicit times: host fallbacks and the newest timestamp. */
    @Test
    void hostFallbacksAndNewestTimestamp() throws Exception {
        QueryResult.Vector util = (QueryResult.Vector) PrometheusResponseParserTest.result(PrometheusGpuSourceTest.UTIL);
        Map<String, String> labels = new HashMap<>(util.samples().get(0).labels());
        DcgmGrouper g = new DcgmGrouper("api", Thresholds.DEFAULTS);
        g.add("DCGM_FI_DEV_GPU_UTIL", labels, 40, 1000);
        g.add("DCGM_FI_DEV_GPU_TEMP", labels, 51, 3000);
        g.add("DCGM_FI_DEV_GPU_UTIL", labels, 42, 2000); // newer duplicate (e.g. a 2nd scrape job) wins
        g.add("DCGM_FI_DEV_GPU_UTIL", labels, 10, 500);  // older one does not
        labels.remove("Hostname");
        labels.put("hostname", "lowercase-host");
        g.add("DCGM_FI_DEV_GPU_UTIL", labels, 1, 1000);
        labels.remove("hostname");
        g.add("DCGM_FI_DEV_GPU_UTIL", labels, 2, 1000);
        labels.remove("gpu");
        assertThat(g.add("DCGM_FI_DEV_GPU_UTIL", labels, 3, 1000)).isFalse(); // no GPU index: cannot be placed

        List<Reading> rs = g.readings();
        assertThat(rs).extracting(Reading::tileId)
                .containsExactly("10.0.172.246:9400/gpu1", "gpu-node-1/gpu1", "lowercase-host/gpu1");
        Reading named = rs.get(1);
        assertThat(named.value(Metric.UTIL_PCT)).isEqualTo(42.0);
        assertThat(named.value(Metric.TEMP_C)).isEqualTo(51.0);
        assertThat(named.sampledAt()).isEqualTo(Instant.ofEpochMilli(3000));
    }

    /** test/resources/prometheus/mig-derived-from-L4.prom: GPU_I_ID makes a tile per MIG instance. */
    @Test
    void migInstancesAreTilesOfTheirOwn() {
        List<Reading> rs = group(Fixtures.resource("mig-derived-from-L4.prom"));
        assertThat(rs).extracting(Reading::tileId).containsExactly(
                "i-030791dc5a37cd257/gpu0/mig1", "i-030791dc5a37cd257/gpu0/mig2", "i-030791dc5a37cd257/gpu1");
        Reading mig1 = rs.get(0);
        assertThat(mig1.key().migInstance()).isEqualTo("1");
        assertThat(mig1.key().uuid()).isEqualTo("GPU-c2f76b33-7953-256e-8f33-1343419b1a1c");
        assertThat(mig1.value(Metric.MEM_USED_MIB)).isEqualTo(9700.0);
        assertThat(mig1.value(Metric.MEM_TOTAL_MIB)).isEqualTo(11263.0);
        assertThat(rs.get(1).has(Metric.POWER_W)).isFalse(); // fp64 blank in the file
        assertThat(rs.get(1).value(Metric.TEMP_C)).isEqualTo(31.0);
        assertThat(rs.get(2).key().migInstance()).isNull(); // empty GPU_I_ID is a whole GPU
        assertThat(rs.get(2).value(Metric.POWER_W)).isEqualTo(17.021);
    }
}
