package io.watchfloor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        EngineSettings d = EngineSettings.DEFAULTS;
        assertThat(d.maxConcurrentPolls()).isEqualTo(4);
        assertThat(d.backoffCap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.sparklineWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(d.maxSparklinePoints()).isEqualTo(120);
        assertThat(d.maintenancePeriod()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.tileExpiry()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void pollTimeoutFallsBackToTheIntervalAndToleratesNulls() {
        Map<String, Duration> timeouts = new HashMap<>();
        timeouts.put("prom", Duration.ofSeconds(5));
        timeouts.put("ssh", null);
        EngineSettings s = EngineSettings.DEFAULTS.withPollTimeouts(timeouts);
        assertThat(s.pollTimeout("prom", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.pollTimeout("ssh", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> EngineSettings.DEFAULTS.withMaxConcurrentPolls(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineSettings.DEFAULTS.withSparklines(Duration.ofHours(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineSettings.DEFAULTS.withBackoffCap(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
