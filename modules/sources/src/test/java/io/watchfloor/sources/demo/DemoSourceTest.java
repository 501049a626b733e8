package io.watchfloor.sources.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.StatusEvaluator;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.TileKind;
import io.watchfloor.model.TileStatus;
import io.watchfloor.sources.SourceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoSourceTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final StatusEvaluator EVALUATOR = new StatusEvaluator(Thresholds.DEFAULTS);

    /** The GPU readings of one poll (the demo endpoints are tested in DemoEndpointsTest). */
    private static List<Reading> pollAt(Instant at, DemoOptions options) {
        SourceContext ctx = new SourceContext(Clock.fixed(at, ZoneOffset.UTC), Thresholds.DEFAULTS);
        return new DemoSource("demo", Duration.ofSeconds(10), options, ctx).poll().readings().stream()
                .filter(r -> r.key().kind() == TileKind.GPU).toList();
    }

    private static TileStatus status(Reading r) {
        return EVALUATOR.evaluate(r, true, r.sampledAt(), Duration.ofMinutes(1)).status();
    }

    private static List<Reading> matching(List<Reading> readings, Predicate<Reading> p) {
        return readings.stream().filter(p).toList();
    }

    @Test
    void aFixedClockGivesFixedValues() {
        List<Reading> first = pollAt(T0, DemoOptions.DEFAULTS);

        assertThat(pollAt(T0, DemoOptions.DEFAULTS)).isEqualTo(first);
        assertThat(first).allSatisfy(r -> assertThat(r.sampledAt()).isEqualTo(T0));
        assertThat(pollAt(T0.plusSeconds(60), DemoOptions.DEFAULTS)).isNotEqualTo(first);
    }

    @Test
    void defaultFleetHasSixHostsOfEightGpusWithTheLastSplitIntoMig() {
        List<Reading> readings = pollAt(T0, DemoOptions.DEFAULTS);

        assertThat(readings).hasSize(47 + 3);
        assertThat(readings.stream().map(r -> r.key().host()).distinct())
                .containsExactly("demo-gpu-01", "demo-gpu-02", "demo-gpu-03", "demo-gpu-04", "demo-gpu-05", "demo-gpu-06");
        List<Reading> mig = matching(readings, r -> r.key().migInstance() != null);
        assertThat(mig).extracting(r -> r.key().id())
                .containsExactly("demo-gpu-06/gpu7/mig1", "demo-gpu-06/gpu7/mig2", "demo-gpu-06/gpu7/mig3");
        assertThat(mig).extracting(Reading::model).containsExactly("NVIDIA H100 80GB HBM3 MIG 3g.40gb",
                "NVIDIA H100 80GB HBM3 MIG 2g.20gb", "NVIDIA H100 80GB HBM3 MIG 1g.10gb");
        assertThat(mig.stream().mapToDouble(r -> r.value(Metric.MEM_TOTAL_MIB)).sum()).isLessThan(81559);
        assertThat(readings.stream().map(r -> r.key().uuid()).distinct()).hasSize(48)
                .allMatch(u -> u.matches("GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(matching(readings, r -> r.key().migInstance() == null))
                .allSatisfy(r -> assertThat(r.value(Metric.MEM_TOTAL_MIB)).isEqualTo(81559.0))
                .allSatisfy(r -> assertThat(r.model()).isEqualTo("NVIDIA H100 80GB HBM3"));
    }

    @Test
    void uuidsAreStableForASeedAndDifferAcrossSeeds() {
        DemoOptions other = new DemoOptions(6, 8, DemoOptions.DEFAULTS.model(), 7);
        Set<String> seed42 = pollAt(T0, DemoOptions.DEFAULTS).stream().map(r -> r.key().uuid()).collect(Collectors.toSet());

        assertThat(pollAt(T0.plusSeconds(3600), DemoOptions.DEFAULTS).stream().map(r -> r.key().uuid()))
                .containsExactlyInAnyOrderElementsOf(pollAt(T0, DemoOptions.DEFAULTS).stream().map(r -> r.key().uuid()).toList());
        assertThat(pollAt(T0, other).stream().map(r -> r.key().uuid())).doesNotContainAnyElementsOf(seed42);
    }

    @Test
    void everyScenarioShowsOnTheWall() {
        List<Reading> readings = pollAt(T0, DemoOptions.DEFAULTS);

        assertThat(matching(readings, r -> r.value(Metric.TEMP_C) != null && r.value(Metric.TEMP_C) > 90))
                .singleElement().satisfies(r -> assertThat(status(r)).isEqualTo(TileStatus.CRIT));
        assertThat(matching(readings, r -> r.flags().contains(Flag.XID))).singleElement().satisfies(r -> {
            assertThat(r.value(Metric.XID_LAST)).isEqualTo(79.0);
            assertThat(status(r)).isEqualTo(TileStatus.CRIT);
        });
        assertThat(matching(readings, r -> r.flags().contains(Flag.HELD_IDLE))).singleElement().satisfies(r -> {
            assertThat(r.value(Metric.UTIL_PCT)).isBetween(0.0, 2.0);
            assertThat(StatusEvaluator.memPct(r)).isBetween(65.0, 75.0);
            assertThat(status(r)).isEqualTo(TileStatus.WARN);
        });
        assertThat(matching(readings, r -> r.flags().contains(Flag.THROTTLE))).singleElement().satisfies(r -> {
            assertThat(r.value(Metric.THROTTLE_REASONS)).isEqualTo(0x40);
            assertThat(status(r)).isEqualTo(TileStatus.WARN);
        });
        assertThat(matching(readings, r -> !r.has(Metric.TEMP_C))).singleElement().satisfies(r -> {
            assertThat(r.key().migInstance()).isNull();
            assertThat(r.has(Metric.UTIL_PCT)).isTrue();
        });
        assertThat(matching(readings, r -> r.value(Metric.UTIL_PCT) < 3 && StatusEvaluator.memPct(r) < 2)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.flags()).doesNotContain(Flag.HELD_IDLE));
        assertThat(readings.stream().map(DemoSourceTest::status).distinct())
                .contains(TileStatus.OK, TileStatus.WARN, TileStatus.CRIT);
    }

    @Test
    void valuesStayInRangeAndScenariosPersistOverTwoDays() {
        Map<String, Double> previousUtil = new HashMap<>();
        for (int step = 0; step < 2 * 8640; step += 7) {
            Instant at = T0.plusSeconds(10L * step);
            List<Reading> readings = pollAt(at, DemoOptions.DEFAULTS);
            assertThat(readings).hasSize(50).allSatisfy(r -> {
                assertThat(r.flags()).contains(Flag.DEMO);
                assertThat(r.sampledAt()).isEqualTo(at);
                assertThat(r.value(Metric.UTIL_PCT)).isBetween(0.0, 100.0);
                assertThat(r.value(Metric.MEM_USED_MIB)).isBetween(0.0, r.value(Metric.MEM_TOTAL_MIB));
                if (r.has(Metric.TEMP_C)) {
                    assertThat(r.value(Metric.TEMP_C)).isBetween(35.0, 95.0);
                }
                if (r.key().migInstance() == null) {
                    assertThat(r.value(Metric.POWER_W)).isBetween(70.0, 700.0);
                    assertThat(r.value(Metric.SM_CLOCK_MHZ)).isBetween(345.0, 1980.0);
                }
            });
            for (Flag flag : List.of(Flag.XID, Flag.THROTTLE, Flag.HELD_IDLE)) {
                assertThat(matching(readings, r -> r.flags().contains(flag))).as("%s at %s", flag, at).hasSize(1);
            }
            assertThat(matching(readings, r -> r.has(Metric.TEMP_C) && r.value(Metric.TEMP_C) > 90)).hasSize(1);
            assertThat(matching(readings, r -> r.has(Metric.TEMP_C) && r.value(Metric.TEMP_C) > 85)).hasSize(2);
            for (Reading r : readings) {
                Double before = previousUtil.put(r.tileId(), r.value(Metric.UTIL_PCT));
                if (before != null) {
                    // 70 s apart: smooth motion, not noise
                    assertThat(Math.abs(r.value(Metric.UTIL_PCT) - before)).as(r.tileId()).isLessThan(60.0);
                }
            }
        }
    }

    @Test
    void consecutivePollsMoveSmoothly() {
        List<Reading> a = pollAt(T0, DemoOptions.DEFAULTS);
        List<Reading> b = pollAt(T0.plusSeconds(10), DemoOptions.DEFAULTS);
        for (int i = 0; i < a.size(); i++) {
            assertThat(Math.abs(a.get(i).value(Metric.UTIL_PCT) - b.get(i).value(Metric.UTIL_PCT))).isLessThan(15.0);
            if (a.get(i).has(Metric.TEMP_C)) {
                assertThat(Math.abs(a.get(i).value(Metric.TEMP_C) - b.get(i).value(Metric.TEMP_C))).isLessThan(6.0);
            }
        }
    }

    @Test
    void aSingleGpuFleetGetsTheHotScenarioAndNoMig() {
        List<Reading> readings = pollAt(T0, new DemoOptions(1, 1, DemoOptions.DEFAULTS.model(), 42));

        assertThat(readings).singleElement().satisfies(r -> {
            assertThat(r.tileId()).isEqualTo("demo-gpu-01/gpu0");
            assertThat(r.value(Metric.TEMP_C)).isGreaterThan(90);
        });
    }

    @Test
    void heldIdleFollowsTheContextThresholds() {
        Thresholds strict = new Thresholds(Thresholds.DEFAULTS.tempC(), Thresholds.DEFAULTS.memPct(),
                Thresholds.DEFAULTS.cpuPct(), Thresholds.DEFAULTS.diskPct(), 5, 80);
        SourceContext ctx = new SourceContext(Clock.fixed(T0, ZoneOffset.UTC), strict);
        List<Reading> readings = new DemoSource("demo", Duration.ofSeconds(10), DemoOptions.DEFAULTS, ctx).poll().readings()
                .stream().filter(r -> r.key().kind() == TileKind.GPU).toList();

        assertThat(matching(readings, r -> r.flags().contains(Flag.HELD_IDLE))).isEmpty();
    }

    @Test
    void seedsMoveTheScenariosAround() {
        Set<String> hot = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            List<Reading> readings = pollAt(T0, new DemoOptions(6, 8, DemoOptions.DEFAULTS.model(), seed));
            hot.add(matching(readings, r -> r.has(Metric.TEMP_C) && r.value(Metric.TEMP_C) > 90).getFirst().tileId());
        }
        assertThat(hot).hasSizeGreaterThan(1);
    }
}
