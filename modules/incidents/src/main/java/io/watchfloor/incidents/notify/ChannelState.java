package io.watchfloor.incidents.notify;

import io.watchfloor.config.NotificationConfig;
import io.watchfloor.incidents.DeliveryStatus;
import java.time.Instant;
import okhttp3.Call;

/** One channel as the notify thread sees it. Touched by that thread only. */
final class ChannelState {
    final NotificationConfig config;
    final Redactor redactor;
    final String host;
    /** The message being sent now (at most one per channel, so messages arrive in order), or null. */
    Call inFlight;
    long inFlightRow = -1;
    int pending;
    boolean failing;
    String lastError;
    Instant lastDeliveredAt;
    Instant nextAttemptAt;
    int givenUp;
    /** Failed attempts in a row, for the log: the first failure and the recovery are logged, not every retry. */
    int failuresInRow;

    ChannelState(NotificationConfig config) {
        this.config = config;
        this.redactor = new Redactor(config);
        this.host = config.url().getHost();
    }

    String id() {
        return config.id();
    }

    DeliveryStatus status() {
        return new DeliveryStatus(config.id(), config.kind().wireName(), pending, failing, lastError, lastDeliveredAt,
                inFlightRow >= 0 ? null : nextAttemptAt, givenUp);
    }
}
