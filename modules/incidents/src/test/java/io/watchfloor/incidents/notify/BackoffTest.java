package io.watchfloor.incidents.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The retry schedule and the server's Retry-After. */
class BackoffTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void waitsDoubleFromFiveSecondsUpToFiveMinutes() {
        assertThat(Backoff.after(1, 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Backoff.after(2, 0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.after(6, 0)).isEqualTo(Duration.ofSeconds(160));
        assertThat(Backoff.after(7, 0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Backoff.after(1000, 0)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterShortensByAtMostAQuarterAndNeverPassesTheCap() {
        assertThat(Backoff.after(1, 0.999)).isBetween(Duration.ofMillis(3750), Duration.ofSeconds(5));
        assertThat(Backoff.after(50, 0.5)).isEqualTo(Duration.ofMillis(262_500));
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(Delivery.retryAfter("30", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Delivery.retryAfter("Mon, 23 Nov 2026 10:02:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(2));
        assertThat(Delivery.retryAfter("0", NOW)).as("at least a second: no busy loop").isEqualTo(Duration.ofSeconds(1));
        assertThat(Delivery.retryAfter("86400", NOW)).as("asked again within the hour").isEqualTo(Duration.ofHours(1));
        assertThat(Delivery.retryAfter("soon", NOW)).isNull();
        assertThat(Delivery.retryAfter(null, NOW)).isNull();
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(MessageFacts.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(MessageFacts.duration(Duration.ofMinutes(15))).isEqualTo("15 min");
        assertThat(MessageFacts.duration(Duration.ofMinutes(60))).isEqualTo("1 h");
        assertThat(MessageFacts.duration(Duration.ofMinutes(65))).isEqualTo("1 h 5 min");
        assertThat(MessageFacts.duration(Duration.ofHours(27))).isEqualTo("1 d 3 h");
    }
}
