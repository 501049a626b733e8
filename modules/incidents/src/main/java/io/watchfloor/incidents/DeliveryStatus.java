package io.watchfloor.incidents;

import java.time.Instant;

/**
 * One notification channel's state for screens.
 *
 * @param pending       messages waiting (first try or retry)
 * @param failing       true while the newest attempt failed
 * @param lastError     what the newest failure said (never the URL or key), or null
 * @param nextAttemptAt when the next retry goes out, or null
 * @param givenUp       messages dropped after a permanent refusal (HTTP 400 and the like) since the start
 */
public record DeliveryStatus(String channelId, String kind, int pending, boolean failing, String lastError,
                             Instant lastDeliveredAt, Instant nextAttemptAt, int givenUp) {
}
