package io.watchfloor.cache;

import io.watchfloor.model.endpoint.Availability;
import io.watchfloor.model.endpoint.AvailabilityObservation;
import io.watchfloor.model.endpoint.AvailabilitySegment;
import io.watchfloor.model.endpoint.SlaCalculator;
import io.watchfloor.model.endpoint.SlaFigures;
import io.watchfloor.model.endpoint.SlaWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.watchfloor.cache.TestData.T0;
import static io.watchfloor.model.endpoint.Availability.DOWN;
import static io.watchfloor.model.endpoint.Availability.UNKNOWN;
import static io.watchfloor.model.endpoint.Availability.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SLA ledger against a real H2 file: the segment rules, restarts, retention, and measured downtime. */
class AvailabilityLedgerTest {
    private static final String EP = "llama-onprem";
    private static final Duration TEN_S = Duration.ofSeconds(10);
    private static final Instant FAR = T0.plus(Duration.ofDays(1000));

    @TempDir
    Path dir;

    private final List<H2TelemetryStore> opened = new ArrayList<>();
    private final TestData.MutableClock clock = new TestData.MutableClock(T0);

    @AfterEach
    void closeAll() {
        opened.forEach(H2TelemetryStore::close);
    }

    private H2TelemetryStore open() {
        H2TelemetryStore s = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, clock);
        opened.add(s);
        return s;
    }

    private static AvailabilityObservation obs(String endpoint, long second, Availability state, Duration validFor,
                                               String detail) {
        return new AvailabilityObservation(endpoint, T0.plusSeconds(second), state, validFor, detail);
    }

    private static AvailabilityObservation obs(long second, Availability state) {
        return obs(EP, second, state, TEN_S, state == DOWN ? "HTTP 503" : null);
    }

    /** Records each observation in its own call, as the engine does once per probe round. */
    private static void feed(H2TelemetryStore s, AvailabilityObservation... observations) {
        for (AvailabilityObservation o : observations) {
            s.recordAvailability(List.of(o));
        }
    }

    private static AvailabilitySegment seg(Availability state, long fromSecond, long toSecond, String detail) {
        return new AvailabilitySegment(EP, state, T0.plusSeconds(fromSecond), T0.plusSeconds(toSecond), detail);
    }

    private static List<AvailabilitySegment> all(H2TelemetryStore s, String endpoint) {
        return s.segments(endpoint, T0.minus(Duration.ofDays(1000)), FAR);
    }

    @Test
    void agreeingObservationsExtendOneSegmentAndOneMissedLookIsTolerated() throws Exception {
        H2TelemetryStore s = open();
        feed(s, obs(0, UP), obs(10, UP), obs(20, UP), /* 30 missed */ obs(40, UP));

        assertThat(all(s, EP)).containsExactly(seg(UP, 0, 50, null));
        assertThat(H2TelemetryStoreTest.count(s, "availability_segment")).isEqualTo(1);
    }

    @Test
    void twoMissedLooksLeaveAnUnknownGap() {
        H2TelemetryStore s = open();
        feed(s, obs(0, UP), obs(10, UP), /* 20 and 30 missed: 40 > 20 + 10 */ obs(40, UP), obs(50, UP));

        assertThat(all(s, EP)).containsExactly(seg(UP, 0, 20, null), seg(UP, 40, 60, null));
        SlaFigures f = SlaCalculator.compute(EP, all(s, EP), List.of(), SlaWindow.LAST_24H, T0.plusSeconds(60),
                ZoneOffset.UTC, 99.5);
        assertThat(f.upSeconds()).isEqualTo(40.0);
        assertThat(f.unknownSeconds()).isEqualTo(86_400.0 - 40);
    }

    @Test
    void anotherStateCutsTheNewestSegmentAtItsTime() {
        H2TelemetryStore s = open();
        feed(s, obs(0, UP), obs(10, UP), obs(20, DOWN), obs(30, DOWN), obs(35, UP), /* 45 missed */ obs(55, DOWN));

        // DOWN at 55 is within one missed look of UP's end (45 + 10): UP is cut at 55, not left with a gap
        assertThat(all(s, EP)).containsExactly(seg(UP, 0, 20, null), seg(DOWN, 20, 35, "HTTP 503"),
                seg(UP, 35, 55, null), seg(DOWN, 55, 65, "HTTP 503"));
    }

    @Test
    void anotherStateAfterALongSilenceStartsAfterAGap() {
        H2TelemetryStore s = open();
        feed(s, obs(0, UP), obs(100, DOWN));
        assertThat(all(s, EP)).containsExactly(seg(UP, 0, 10, null), seg(DOWN, 100, 110, "HTTP 503"));
    }

    @Test
    void lateObservationsDoNotRewriteHistory() {
        H2TelemetryStore s = open();
        feed(s, obs(0, UP), obs(10, DOWN), obs(20, DOWN));
        feed(s, obs(5, UP), obs(9, UP)); // older than the newest segment's start: ignored
        feed(s, obs(12, DOWN)); // inside the newest segment, same state: its end does not shrink
        assertThat(all(s, EP)).containsExactly(seg(UP, 0, 10, null), seg(DOWN, 10, 30, "HTTP 503"));
    }

    @Test
    void aDownSegmentKeepsTheFirstReasonItWentDown() {
        H2TelemetryStore s = open();
        feed(s, obs(EP, 0, DOWN, TEN_S, null), obs(EP, 10, DOWN, TEN_S, "connection refused"),
                obs(EP, 20, DOWN, TEN_S, "HTTP 503"));
        assertThat(all(s, EP)).containsExactly(seg(DOWN, 0, 30, "connection refused"));
        String longReason = "x".repeat(2000);
        feed(s, obs(EP, 30, UP, TEN_S, null), obs(EP, 40, DOWN, TEN_S, longReason));
        assertThat(all(s, EP).get(2).detail()).hasSize(AvailabilityLedger.MAX_DETAIL).endsWith("...");
    }

    @Test
    void twoJudgementsAtTheSameInstantLeaveTheLaterOne() {
        H2TelemetryStore s = open();
        feed(s, obs(0, UP), obs(10, UP), obs(20, DOWN), obs(20, UNKNOWN));
        assertThat(all(s, EP)).containsExactly(seg(UP, 0, 20, null), seg(UNKNOWN, 20, 30, null));
    }

    @Test
    void oneCallWithManyEndpointsOutOfOrderIsSortedAndKeptApart() {
        H2TelemetryStore s = open();
        s.recordAvailability(Arrays.asList(obs("b", 10, DOWN, TEN_S, "HTTP 500"), obs(EP, 10, UP, TEN_S, null),
                null, obs("b", 0, UP, TEN_S, null), obs(EP, 0, UP, TEN_S, null), obs(EP, 20, DOWN, TEN_S, "timeout"),
                obs(EP, 30, DOWN, TEN_S, "HTTP 503")));
        s.recordAvailability(List.of(obs(EP, 40, DOWN, TEN_S, null), obs("b", 20, DOWN, TEN_S, null)));

        assertThat(all(s, EP)).containsExactly(seg(UP, 0, 20, null), seg(DOWN, 20, 50, "timeout"));
        assertThat(all(s, "b")).containsExactly(
                new AvailabilitySegment("b", UP, T0, T0.plusSeconds(10), null),
                new AvailabilitySegment("b", DOWN, T0.plusSeconds(10), T0.plusSeconds(30), "HTTP 500"));
    }

    @Test
    void segmentsReturnsOnlyWhatOverlapsTheRangeInOrder() {
        H2TelemetryStore s = open();
        feed(s, obs(0, UP), obs(10, DOWN), obs(20, UP), obs(100, UP));
        assertThat(s.segments(EP, T0.plusSeconds(10), T0.plusSeconds(20))).containsExactly(seg(DOWN, 10, 20, "HTTP 503"));
        assertThat(s.segments(EP, T0.plusSeconds(15), T0.plusSeconds(105)))
                .containsExactly(seg(DOWN, 10, 20, "HTTP 503"), seg(UP, 20, 30, null), seg(UP, 100, 110, null));
        assertThat(s.segments(EP, T0.plusSeconds(40), T0.plusSeconds(90))).isEmpty();
        assertThat(s.segments(EP, T0.plusSeconds(20), T0.plusSeconds(20))).isEmpty();
        assertThat(s.segments("nobody", T0, FAR)).isEmpty();
        assertThat(s.segments(EP, Instant.MIN, Instant.MAX)).hasSize(4);
    }

    @Test
    void observationsThatCannotBeStoredAreSkippedNotFatal() {
        H2TelemetryStore s = open();
        s.recordAvailability(List.of(obs("x".repeat(600), 0, UP, TEN_S, null), obs(EP, 0, UP, Duration.ZERO, null),
                obs(EP, 5, UP, TEN_S, null)));
        assertThat(all(s, EP)).containsExactly(seg(UP, 5, 15, null));
        s.recordAvailability(List.of());
    }

    @Test
    void segmentsContinueAcrossAShortRestartAndNotAcrossALongOne() {
        H2TelemetryStore s = open();
        feed(s, obs(0, UP), obs(10, UP));
        s.close();

        s = open();
        feed(s, obs(25, UP)); // within one missed look of the end (20): the same segment goes on
        assertThat(all(s, EP)).containsExactly(seg(UP, 0, 35, null));
        s.close();

        s = open();
        feed(s, obs(300, UP)); // the console was off for minutes: unknown, a new segment
        assertThat(all(s, EP)).containsExactly(seg(UP, 0, 35, null), seg(UP, 300, 310, null));
        feed(s, obs(310, DOWN));
        s.close();

        s = open();
        feed(s, obs(320, DOWN));
        assertThat(all(s, EP)).containsExactly(seg(UP, 0, 35, null), seg(UP, 300, 310, null),
                seg(DOWN, 310, 330, "HTTP 503"));
    }

    @Test
    void maintenanceDeletesSegmentsThatEndedMoreThanHundredDaysAgo() throws Exception {
        H2TelemetryStore s = open();
        feed(s, obs(0, UP), obs(10, DOWN), obs(100, UP), obs(200, DOWN));
        feed(s, obs("old-only", 0, UP, TEN_S, null));
        // the UP segment [0, 10) ended at 10 s, DOWN [10, 20) at 20 s
        Instant now = T0.plus(AvailabilityLedger.RETENTION).plusSeconds(15);

        s.maintain(now);

        assertThat(all(s, EP)).containsExactly(seg(DOWN, 10, 20, "HTTP 503"), seg(UP, 100, 110, null),
                seg(DOWN, 200, 210, "HTTP 503"));
        assertThat(all(s, "old-only")).isEmpty();
        s.maintain(now);
        assertThat(H2TelemetryStoreTest.count(s, "availability_segment")).isEqualTo(3);

        // the expired newest segment is forgotten in memory too: the next observation opens a new one
        long later = Duration.between(T0, now).toSeconds();
        feed(s, obs("old-only", later, UP, TEN_S, null), obs("old-only", later + 10, UP, TEN_S, null));
        assertThat(all(s, "old-only")).containsExactly(new AvailabilitySegment("old-only", UP,
                T0.plusSeconds(later), T0.plusSeconds(later + 20), null));
    }

    @Test
    void closedStoreSaysSo() {
        H2TelemetryStore s = open();
        s.close();
        assertThatThrownBy(() -> s.recordAvailability(List.of(obs(0, UP)))).isInstanceOf(CacheException.class)
                .hasMessageContaining("is closed");
        assertThatThrownBy(() -> s.segments(EP, T0, FAR)).isInstanceOf(CacheException.class);
    }

    /**
     * Random outages probed once a second, some rounds recorded in batches, some looks missed: the downtime the
     * ledger and the calculator report equals the injected downtime, off by at most one interval per missed look
     * (a missed look at an edge moves that edge by one interval), and exactly when no look is missed.
     */
    @Test
    void measuredDowntimeMatchesInjectedDowntime() {
        H2TelemetryStore s = open();
        Random rnd = new Random(20261123);
        Duration second = Duration.ofSeconds(1);
        for (int run = 0; run < 6; run++) {
            String endpoint = "ep" + run;
            boolean dropSome = run >= 3;
            int length = 1200 + rnd.nextInt(1200);
            boolean[] down = new boolean[length];
            int injected = 0;
            boolean state = rnd.nextBoolean();
            for (int i = 0; i < length; ) {
                int runLength = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 120 : 15);
                for (int k = 0; k < runLength && i < length; k++, i++) {
                    down[i] = state;
                    injected += state ? 1 : 0;
                }
                state = !state;
            }
            List<AvailabilityObservation> batch = new ArrayList<>();
            int missed = 0;
            boolean lastMissed = false;
            for (int i = 0; i < length; i++) {
                // never two missed in a row and never the last: those are gaps, which are unknown by design
                if (dropSome && !lastMissed && i > 0 && i < length - 1 && rnd.nextInt(20) == 0) {
                    missed++;
                    lastMissed = true;
                    continue;
                }
                lastMissed = false;
                batch.add(new AvailabilityObservation(endpoint, T0.plusSeconds(i), down[i] ? DOWN : UP, second,
                        down[i] ? "HTTP 503" : null));
                if (batch.size() >= 1 + rnd.nextInt(5)) {
                    s.recordAvailability(batch);
                    batch = new ArrayList<>();
                }
            }
            s.recordAvailability(batch);

            Instant now = T0.plusSeconds(length);
            SlaFigures f = SlaCalculator.compute(endpoint, all(s, endpoint), List.of(), SlaWindow.LAST_24H, now,
                    ZoneOffset.UTC, 99.5);
            assertThat(f.upSeconds() + f.downSeconds()).as("measured time of run %d", run).isEqualTo(length);
            if (dropSome) {
                assertThat(missed).isPositive();
                assertThat(Math.abs(f.downSeconds() - injected)).as("down error of run %d", run)
                        .isLessThanOrEqualTo(missed);
            } else {
                assertThat(f.downSeconds()).as("down seconds of run %d", run).isEqualTo(injected);
            }
            assertThat(injected).isPositive().isLessThan(length);
        }
    }
}
