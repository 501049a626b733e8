package io.watchfloor.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.bench.probe.FloorPlan.Kind;
import io.watchfloor.bench.probe.TimedProbe.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the probe benchmark from rotting: the whole harness (servers, probes from config records, the real engine
 * and H2 cache, stopwatches, report) on 5 endpoints at 500 ms for 2.5 s, one of them refused.
 */
class ProbeRunTest {

    @Test
    void everyProbeKeepsItsScheduleAndReachesTheCache() throws Exception {
        BenchOptions o = BenchOptions.parse("--endpoints", "5", "--servers", "2", "--interval", "500ms",
                "--seconds", "2.5", "--warmup", "1s", "--timeout", "1s", "--slow-pct", "0", "--hung-pct", "0",
                "--refused-pct", "20", "--servers-in-process");

        ProbeRun.Result r = ProbeRun.run(o, line -> { });
        ScheduleStats s = r.schedule();

        assertThat(r.plan().count(Kind.REFUSED)).isEqualTo(1);
        // every probe polled at least three times in 2.5 s of a 500 ms schedule (first polls cost ~1 s of set-up)
        assertThat(s.startedByKind().get(Kind.OK)).isGreaterThanOrEqualTo(4 * 3);
        assertThat(s.startedByKind().get(Kind.REFUSED)).isGreaterThanOrEqualTo(3);
        // each poll after a probe's first is measured against its predecessor
        assertThat(s.driftWholeRun().n()).isEqualTo((int) s.started() - 5);
        // the engine plans the next poll one interval after the previous one started (fixed rate), never sooner
        // (1 ms: it plans in whole ms), and keeps that cadence within a few ms
        assertThat(s.driftAll().n()).as("steady polls measured").isGreaterThanOrEqualTo(5);
        assertThat(s.driftAll().min()).isGreaterThan(-1.5);
        assertThat(s.driftAll().p50()).isLessThan(100);
        assertThat(s.count(Outcome.FAILED)).isZero();
        assertThat(s.outcomes().get(Outcome.UP)).containsOnlyKeys("200 OK · 1 model");
        assertThat(s.outcomes().get(Outcome.DOWN)).containsOnlyKeys("connection refused");
        // readings, states and the SLA ledger went through the engine's writer into H2
        assertThat(r.probeTiles()).isEqualTo(5);
        assertThat(r.ledgered()).isEqualTo(5);
        assertThat(r.ledgeredDown()).isEqualTo(1);
        assertThat(r.segments()).as("one unbroken segment per endpoint").isEqualTo(5);
        assertThat(r.cpuPct()).isPositive();

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        ProbeScheduleBench.print(r, new PrintStream(report, true, StandardCharsets.UTF_8));
        assertThat(report.toString(StandardCharsets.UTF_8))
                .contains("probes started: " + s.started() + " of 25 expected")
                .contains("cache: 5 probe tiles in H2, SLA ledger for 5 endpoints (1 with DOWN time) in 5 segments");
    }

    @Test
    void optionsReadDurationsAndRejectARunShorterThanItsWarmUp() {
        assertThat(BenchOptions.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(BenchOptions.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(BenchOptions.duration("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(BenchOptions.parse().expectedPolls()).isEqualTo(200 * 5 * 2);
        assertThat(BenchOptions.parse("--minutes", "2").expectedPolls()).isEqualTo(200 * 2 * 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchOptions.parse("--seconds", "20"))
                .hasMessageContaining("warm-up (30.0 s) leaves nothing of the run (20.0 s)");
    }

    @Test
    void planSpreadsTheFailingShareAndKeepsItFixed() {
        FloorPlan plan = FloorPlan.of(200, 20, 5, 1, 5, 15_000);
        assertThat(Map.of(Kind.SLOW, plan.count(Kind.SLOW), Kind.HUNG, plan.count(Kind.HUNG),
                Kind.REFUSED, plan.count(Kind.REFUSED), Kind.OK, plan.count(Kind.OK)))
                .isEqualTo(Map.of(Kind.SLOW, 10L, Kind.HUNG, 2L, Kind.REFUSED, 10L, Kind.OK, 178L));
        assertThat(plan).isEqualTo(FloorPlan.of(200, 20, 5, 1, 5, 15_000));
        assertThat(plan.behaviours()).filteredOn(b -> b.kind() == Kind.SLOW)
                .allSatisfy(b -> assertThat(b.delayMs()).isBetween(1000L, 2000L));
    }
}
