package io.watchfloor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusEvaluatorTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final StatusEvaluator eval = new StatusEvaluator(Thresholds.DEFAULTS);

    private static Reading reading(Map<Metric, Double> m, Set<Flag> flags) {
        return new Reading(TileKey.gpu("h", "0", null, null), null, "s", T0, m, flags);
    }

    @Test
    void staleBeatsEverythingAndKeepsTheAge() {
        TileState s = eval.evaluate(reading(Map.of(Metric.TEMP_C, 95.0), Set.of(Flag.XID)), true, T0.plusSeconds(60), Duration.ofSeconds(30));
        assertThat(s.status()).isEqualTo(TileStatus.STALE);
        assertThat(s.ageSeconds()).isEqualTo(60.0);
        assertThat(eval.evaluate(reading(Map.of(Metric.TEMP_C, 50.0), Set.of()), false, T0, Duration.ofSeconds(30)).status())
                .isEqualTo(TileStatus.STALE);
    }

    @Test
    void thresholdsAndFlagsGiveWarnAndCrit() {
        assertThat(eval.evaluate(reading(Map.of(Metric.TEMP_C, 85.0, Metric.UTIL_PCT, 50.0), Set.of()), true, T0, Duration.ofSeconds(30)).status())
                .isEqualTo(TileStatus.WARN);
        assertThat(eval.evaluate(reading(Map.of(Metric.TEMP_C, 91.0), Set.of()), true, T0, Duration.ofSeconds(30)).reason())
                .isEqualTo("temp 91 °C");
        assertThat(eval.evaluate(reading(Map.of(Metric.UTIL_PCT, 50.0, Metric.MEM_USED_MIB, 80000.0, Metric.MEM_TOTAL_MIB, 81559.0), Set.of()),
                true, T0, Duration.ofSeconds(30)).status()).isEqualTo(TileStatus.CRIT);
        assertThat(eval.evaluate(reading(Map.of(Metric.UTIL_PCT, 50.0), Set.of(Flag.ECC)), true, T0, Duration.ofSeconds(30)).status())
                .isEqualTo(TileStatus.CRIT);
    }

    @Test
    void noReadingAtAllIsUnknownNeverOk() {
        assertThat(eval.evaluate(reading(Map.of(Metric.POWER_W, 100.0), Set.of()), true, T0, Duration.ofSeconds(30)).status())
                .isEqualTo(TileStatus.UNKNOWN);
    }

    @Test
    void agesFormatForOperators() {
        assertThat(Ages.format(4.9)).isEqualTo("4s");
        assertThat(Ages.format(125)).isEqualTo("2m 05s");
        assertThat(Ages.format(3 * 3600 + 12 * 60)).isEqualTo("3h 12m");
        assertThat(Ages.format(2 * 86400 + 4 * 3600)).isEqualTo("2d 4h");
    }

    @Test
    void anUnreachableHostIsCriticalAndItsGpusAreStale() {
        Reading host = new Reading(TileKey.host("gpu-01"), null, "ssh-bastion", T0, Map.of(), Set.of(Flag.UNREACHABLE),
                java.util.List.of("unreachable: connection refused"));
        Reading gpu = reading(Map.of(Metric.TEMP_C, 50.0, Metric.UTIL_PCT, 10.0), Set.of(Flag.UNREACHABLE));
        assertThat(eval.evaluate(host, true, T0, Duration.ofSeconds(30)))
                .extracting(TileState::status, TileState::reason).containsExactly(TileStatus.CRIT, "unreachable");
        assertThat(eval.evaluate(gpu, true, T0, Duration.ofSeconds(30)))
                .extracting(TileState::status, TileState::reason).containsExactly(TileStatus.STALE, "host unreachable");
    }

    @Test
    void aModelServiceDownIsCritical() {
        Reading host = new Reading(TileKey.host("gpu-01"), null, "ssh-bastion", T0,
                Map.of(Metric.CPU_PCT, 10.0, Metric.SERVICES_DOWN, 2.0), Set.of(Flag.SERVICE));
        assertThat(eval.evaluate(host, true, T0, Duration.ofSeconds(30)))
                .extracting(TileState::status, TileState::reason).containsExactly(TileStatus.CRIT, "2 services down");
        Reading fine = new Reading(TileKey.host("gpu-01"), null, "ssh-bastion", T0, Map.of(Metric.CPU_PCT, 10.0), Set.of());
        assertThat(eval.evaluate(fine, true, T0, Duration.ofSeconds(30)).status()).isEqualTo(TileStatus.OK);
    }
}
