package io.watchfloor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParseDurationTest {
    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "5s, PT5S",
        "10m, PT10M",
        "1h, PT1H",
        "7d, PT168H",
        "1h30m, PT1H30M",
        "1d2h3m4s5ms, PT26H3M4.005S",
        "0s, PT0S",
        "' 5s ', PT5S",
    })
    void readsNumbersWithUnits(String text, Duration expected) {
        assertThat(ConfigLoader.parseDuration(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 seconds", "5S", "1.5h", "-5s", "30m1h", "1m1m", "5sec", "h", "1w",
        "99999999999999999999d", "9999999999999999d"})
    void rejectsAnythingElseWithTheExpectedForms(String text) {
        assertThatThrownBy(() -> ConfigLoader.parseDuration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is not a duration; expected a number with a unit such as 500ms, 5s, 10m, 1h, 7d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"500ms", "5s", "10m", "1h", "7d", "1h30m", "1d2h3m4s5ms"})
    void formatReadsBack(String text) {
        assertThat(Durations.format(ConfigLoader.parseDuration(text))).isEqualTo(text);
    }
}
