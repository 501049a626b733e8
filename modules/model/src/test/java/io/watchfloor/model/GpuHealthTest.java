package io.watchfloor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuHealthTest {
    @Test
    void powerCapAndIdleAreNotThrottlingButThermalIs() {
        assertThat(GpuHealth.flags(Map.of(Metric.THROTTLE_REASONS, (double) (0x1 | 0x4)), Thresholds.DEFAULTS)).isEmpty();
        assertThat(GpuHealth.flags(Map.of(Metric.THROTTLE_REASONS, (double) 0x40), Thresholds.DEFAULTS)).containsExactly(Flag.THROTTLE);
    }

    @Test
    void heldIdleNeedsMemoryHeldAtLowUtilisationAndAUtilisationReading() {
        Map<Metric, Double> held = Map.of(Metric.UTIL_PCT, 1.0, Metric.MEM_USED_MIB, 60000.0, Metric.MEM_TOTAL_MIB, 81559.0);
        assertThat(GpuHealth.flags(held, Thresholds.DEFAULTS)).containsExactly(Flag.HELD_IDLE);
        Map<Metric, Double> mig = Map.of(Metric.MEM_USED_MIB, 60000.0, Metric.MEM_TOTAL_MIB, 81559.0);
        assertThat(GpuHealth.flags(mig, Thresholds.DEFAULTS)).isEmpty();
    }

    @Test
    void xidAndEccRaiseTheirFlags() {
        assertThat(GpuHealth.flags(Map.of(Metric.XID_LAST, 79.0, Metric.ECC_DBE, 2.0), Thresholds.DEFAULTS))
                .containsExactlyInAnyOrder(Flag.XID, Flag.ECC);
        assertThat(GpuHealth.flags(Map.of(Metric.XID_LAST, 0.0, Metric.ECC_DBE, 0.0), Thresholds.DEFAULTS)).isEmpty();
    }
}
