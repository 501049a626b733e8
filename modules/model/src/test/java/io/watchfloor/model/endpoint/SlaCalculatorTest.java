package io.watchfloor.model.endpoint;

import static io.watchfloor.model.endpoint.Availability.DOWN;
import static io.watchfloor.model.endpoint.Availability.UNKNOWN;
import static io.watchfloor.model.endpoint.Availability.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlaCalculatorTest {
    private static final String EP = "llama-onprem";
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final double EPS = 1e-6;

    private static AvailabilitySegment seg(Availability state, Instant from, Instant to) {
        return new AvailabilitySegment(EP, state, from, to, state == DOWN ? "HTTP 503" : null);
    }

    private static SlaFigures compute(List<AvailabilitySegment> segments, List<MaintenanceWindow> maintenance,
                                      SlaWindow window) {
        return SlaCalculator.compute(EP, segments, maintenance, window, NOW, UTC, 99.5);
    }

    private static void assertAddsUp(SlaFigures f) {
        double length = Duration.between(f.from(), f.to()).toNanos() / 1e9;
        assertThat(f.upSeconds() + f.downSeconds() + f.unknownSeconds() + f.maintenanceSeconds())
                .isCloseTo(length, within(EPS));
        assertThat(f.unknownSeconds()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void thirtyDaysWithThreeHoursThirtySixMinutesDownUseTheBudgetExactly() {
        Instant start = NOW.minus(Duration.ofDays(30));
        Instant downFrom = start.plus(Duration.ofDays(12));
        Instant downTo = downFrom.plus(Duration.ofHours(3).plusMinutes(36));
        List<AvailabilitySegment> segs = List.of(
                seg(UP, start.minus(Duration.ofDays(1)), downFrom), // starts before the window: clipped
                seg(DOWN, downFrom, downTo),
                seg(UP, downTo, NOW.plusSeconds(30))); // the open segment's projected end: clipped at now

        SlaFigures f = compute(segs, List.of(), SlaWindow.LAST_30D);

        assertThat(f.from()).isEqualTo(start);
        assertThat(f.to()).isEqualTo(NOW);
        assertThat(f.downSeconds()).isEqualTo(12_960.0);
        assertThat(f.upSeconds()).isEqualTo(30 * 86_400.0 - 12_960.0);
        assertThat(f.unknownSeconds()).isZero();
        assertThat(f.maintenanceSeconds()).isZero();
        assertThat(f.uptimePct()).isCloseTo(99.5, within(1e-9));
        assertThat(f.budgetSeconds()).isCloseTo(12_960.0, within(EPS));
        assertThat(f.budgetLeftSeconds()).isCloseTo(0.0, within(EPS));
        assertThat(f.burnRate()).isCloseTo(1.0, within(1e-12));
        assertThat(f.targetPct()).isEqualTo(99.5);
        assertThat(f.window()).isEqualTo(SlaWindow.LAST_30D);
        assertAddsUp(f);
    }

    @Test
    void maintenanceOverlappingDowntimeIsNotCountedAndOverlappingWindowsCountOnce() {
        Instant start = NOW.minus(Duration.ofHours(24));
        Instant t10 = start.plus(Duration.ofHours(10));
        List<AvailabilitySegment> segs = List.of(
                seg(UP, start, t10),
                seg(DOWN, t10, t10.plus(Duration.ofHours(2))),
                seg(UP, t10.plus(Duration.ofHours(2)), NOW));
        List<MaintenanceWindow> maintenance = List.of(
                // covers the second hour of the outage and an hour of up time after it
                new MaintenanceWindow(EP, t10.plus(Duration.ofHours(1)), t10.plus(Duration.ofHours(3)), "upgrade"),
                // overlaps the first by an hour: 3 h of maintenance in all, not 4
                new MaintenanceWindow(null, t10.plus(Duration.ofHours(2)), t10.plus(Duration.ofHours(4)), null),
                // another endpoint's window changes nothing here
                new MaintenanceWindow("other", start, NOW, null));

        SlaFigures f = compute(segs, maintenance, SlaWindow.LAST_24H);

        assertThat(f.maintenanceSeconds()).isEqualTo(3 * 3600.0);
        assertThat(f.downSeconds()).isEqualTo(3600.0);
        assertThat(f.upSeconds()).isEqualTo(20 * 3600.0);
        assertThat(f.unknownSeconds()).isZero();
        assertThat(f.uptimePct()).isCloseTo(100.0 * 20 / 21, within(1e-9));
        assertThat(f.budgetSeconds()).isCloseTo(0.005 * 21 * 3600, within(EPS));
        assertAddsUp(f);
    }

    @Test
    void maintenanceOverEverythingLeavesNothingMeasured() {
        Instant start = NOW.minus(Duration.ofHours(24));
        SlaFigures f = compute(List.of(seg(DOWN, start, NOW)),
                List.of(new MaintenanceWindow(EP, start.minusSeconds(60), NOW.plusSeconds(60), null)),
                SlaWindow.LAST_24H);
        assertThat(f.maintenanceSeconds()).isEqualTo(86_400.0);
        assertThat(f.downSeconds()).isZero();
        assertThat(f.uptimePct()).isNull();
        assertThat(f.burnRate()).isNull();
    }

    @Test
    void gapsAndUnknownSegmentsAreUnknownAndUptimeIsOnMeasuredTimeOnly() {
        Instant start = NOW.minus(Duration.ofHours(24));
        List<AvailabilitySegment> segs = List.of(
                // 00-02 no segment: console not running
                seg(UP, start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(8))),
                seg(UNKNOWN, start.plus(Duration.ofHours(8)), start.plus(Duration.ofHours(9))), // own network down
                seg(DOWN, start.plus(Duration.ofHours(9)), start.plus(Duration.ofHours(10))),
                // 10-12 gap, then up; 18-20 maintenance inside the up segment
                seg(UP, start.plus(Duration.ofHours(12)), NOW));
        List<MaintenanceWindow> maintenance = List.of(new MaintenanceWindow(EP, start.plus(Duration.ofHours(18)),
                start.plus(Duration.ofHours(20)), null), new MaintenanceWindow(EP, start.plus(Duration.ofHours(11)),
                start.plus(Duration.ofHours(12)), "in a gap: maintenance, not unknown"));

        SlaFigures f = compute(segs, maintenance, SlaWindow.LAST_24H);

        assertThat(f.upSeconds()).isEqualTo((6 + 10) * 3600.0);
        assertThat(f.downSeconds()).isEqualTo(3600.0);
        assertThat(f.maintenanceSeconds()).isEqualTo(3 * 3600.0);
        // 2 h before the first segment + 1 h UNKNOWN + 1 h of the 10-12 gap not in maintenance
        assertThat(f.unknownSeconds()).isEqualTo(4 * 3600.0);
        assertThat(f.uptimePct()).isCloseTo(100.0 * 16 / 17, within(1e-9));
        assertAddsUp(f);
    }

    @Test
    void nothingRecordedIsAllUnknownWithNoUptime() {
        SlaFigures f = compute(List.of(), List.of(), SlaWindow.LAST_7D);
        assertThat(f.unknownSeconds()).isEqualTo(7 * 86_400.0);
        assertThat(f.uptimePct()).isNull();
        assertThat(f.burnRate()).isNull();
        // no evidence charges nothing: the whole week's budget is left
        assertThat(f.budgetSeconds()).isCloseTo(0.005 * 7 * 86_400, within(EPS));
        assertThat(f.budgetLeftSeconds()).isCloseTo(0.005 * 7 * 86_400, within(EPS));
    }

    @Test
    void calendarMonthStartsAtMidnightOfTheFirstInTheZone() {
        // Tokyo is UTC+9: November starts at 2026-10-31T15:00Z; New York left summer time on 1 November at
        // 02:00 local, so its November starts at 04:00Z (still EDT at midnight)
        List<AvailabilitySegment> segs = List.of(seg(UP, Instant.parse("2026-10-25T00:00:00Z"), NOW));
        SlaFigures tokyo = SlaCalculator.compute(EP, segs, List.of(), SlaWindow.MONTH, NOW, ZoneId.of("Asia/Tokyo"), 99.5);
        SlaFigures newYork = SlaCalculator.compute(EP, segs, List.of(), SlaWindow.MONTH, NOW,
                ZoneId.of("America/New_York"), 99.5);
        SlaFigures utc = SlaCalculator.compute(EP, segs, List.of(), SlaWindow.MONTH, NOW, UTC, 99.5);

        assertThat(tokyo.from()).isEqualTo(Instant.parse("2026-10-31T15:00:00Z"));
        assertThat(newYork.from()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
        assertThat(utc.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(tokyo.upSeconds()).isEqualTo(Duration.between(tokyo.from(), NOW).toSeconds());
        assertThat(newYork.upSeconds()).isEqualTo(19 * 86_400.0 + 8 * 3600.0);
        assertThat(utc.upSeconds()).isEqualTo(19 * 86_400.0 + 12 * 3600.0);
        assertThat(utc.uptimePct()).isEqualTo(100.0);
        // the month's budget is for all 30 days of November, not for the 22.5 gone
        assertThat(utc.budgetSeconds()).isCloseTo(0.005 * 30 * 86_400, within(EPS));
    }

    @Test
    void burnRateIsTheDownShareOverTheAllowedShare() {
        Instant start = NOW.minus(Duration.ofHours(24));
        Instant downFrom = start.plus(Duration.ofHours(3));
        List<AvailabilitySegment> segs = List.of(seg(UP, start, downFrom),
                seg(DOWN, downFrom, downFrom.plusSeconds(864)), // 1 % of a day
                seg(UP, downFrom.plusSeconds(864), NOW));

        SlaFigures f = compute(segs, List.of(), SlaWindow.LAST_24H);
        assertThat(f.burnRate()).isCloseTo(2.0, within(1e-9));
        assertThat(f.budgetSeconds()).isCloseTo(432.0, within(EPS));
        assertThat(f.budgetLeftSeconds()).isCloseTo(-432.0, within(EPS));

        // the same minutes against 99 %: exactly on budget
        SlaFigures at99 = SlaCalculator.compute(EP, segs, List.of(), SlaWindow.LAST_24H, NOW, UTC, 99.0);
        assertThat(at99.burnRate()).isCloseTo(1.0, within(1e-9));
        assertThat(at99.budgetLeftSeconds()).isCloseTo(0.0, within(EPS));

        // a 100 % target has no budget: any downtime burns infinitely fast, none burns nothing
        SlaFigures at100 = SlaCalculator.compute(EP, segs, List.of(), SlaWindow.LAST_24H, NOW, UTC, 100.0);
        assertThat(at100.burnRate()).isInfinite();
        assertThat(at100.budgetLeftSeconds()).isEqualTo(-864.0);
        SlaFigures clean = SlaCalculator.compute(EP, List.of(seg(UP, start, NOW)), List.of(), SlaWindow.LAST_24H, NOW,
                UTC, 100.0);
        assertThat(clean.burnRate()).isZero();
    }

    @Test
    void targetsOutsideZeroToHundredAreRejected() {
        for (double bad : new double[] {0, -1, 100.5, Double.NaN}) {
            assertThatThrownBy(() -> SlaCalculator.compute(EP, List.of(), List.of(), SlaWindow.LAST_24H, NOW, UTC, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SLA target must be above 0 and at most 100");
        }
    }

    @Test
    void overlappingSegmentsAreNotCountedTwiceAndOtherEndpointsAreIgnored() {
        Instant start = NOW.minus(Duration.ofHours(24));
        List<AvailabilitySegment> segs = List.of(
                seg(UP, start, start.plus(Duration.ofHours(10))),
                seg(DOWN, start.plus(Duration.ofHours(8)), start.plus(Duration.ofHours(12))), // 2 h overlap: up kept
                new AvailabilitySegment("other", DOWN, start, NOW, "x"));
        SlaFigures f = compute(segs, List.of(), SlaWindow.LAST_24H);
        assertThat(f.upSeconds()).isEqualTo(10 * 3600.0);
        assertThat(f.downSeconds()).isEqualTo(2 * 3600.0);
        assertAddsUp(f);
    }

    @Test
    void allWindowsInOnePassMatchEachWindowAlone() {
        Random rnd = new Random(42);
        Instant from = NOW.minus(Duration.ofDays(95));
        List<AvailabilitySegment> segs = new ArrayList<>();
        Instant t = from;
        while (t.isBefore(NOW)) {
            Instant end = t.plusSeconds(60 + rnd.nextInt(2 * 3600));
            if (rnd.nextInt(5) != 0) { // every fifth stretch is a gap
                Availability state = rnd.nextInt(10) == 0 ? DOWN : rnd.nextInt(20) == 0 ? UNKNOWN : UP;
                segs.add(seg(state, t, end));
            }
            t = end;
        }
        List<MaintenanceWindow> maintenance = List.of(
                new MaintenanceWindow(EP, NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(39)), null),
                new MaintenanceWindow(null, NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(4)), null));
        ZoneId zone = ZoneId.of("Europe/Berlin");

        Map<SlaWindow, SlaFigures> all = SlaCalculator.computeAll(EP, segs, maintenance, NOW, zone, 99.5);

        assertThat(all).containsOnlyKeys(SlaWindow.values());
        for (SlaWindow w : SlaWindow.values()) {
            SlaFigures alone = SlaCalculator.compute(EP, segs, maintenance, w, NOW, zone, 99.5);
            assertThat(all.get(w)).isEqualTo(alone);
            assertAddsUp(alone);
            assertThat(alone.downSeconds()).isPositive();
        }
        assertThat(all.get(SlaWindow.LAST_90D).downSeconds()).isGreaterThan(all.get(SlaWindow.LAST_30D).downSeconds());
        assertThat(SlaCalculator.earliestStart(NOW, zone)).isEqualTo(NOW.minus(Duration.ofDays(90)));
    }
}
