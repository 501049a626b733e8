package io.watchfloor.incidents.notify;

import java.time.Instant;

/**
 * One undelivered message of the outbox.
 *
 * @param attempts  how many times it was tried so far
 * @param lastError what the newest failed attempt said, or null
 */
record OutboxRow(long id, String channelId, String eventKind, String incidentId, Instant createdAt, String payload,
                 int attempts, Instant nextAttemptAt, String lastError) {
}
