package io.watchfloor.incidents.notify;

import java.time.Duration;

/**
 * How one attempt to send a message ended.
 *
 * @param error      what went wrong, fit for a screen (no URL, no key); null when delivered
 * @param retryAfter the wait the server asked for (Retry-After), or null to back off on our own
 */
record Outcome(Kind kind, String error, Duration retryAfter) {
    enum Kind {
        /** The channel took it (2xx). */
        DELIVERED,
        /** Worth trying again: no connection, timeout, 408, 429, 5xx. */
        RETRY,
        /** The channel refused it and will refuse it again (400, 403, 404...): sending again only repeats that. */
        GIVE_UP,
        /** The call was cancelled because the dispatcher closed: the message stays due for the next start. */
        CANCELLED
    }

    static final Outcome DELIVERED = new Outcome(Kind.DELIVERED, null, null);
    static final Outcome CANCELLED = new Outcome(Kind.CANCELLED, null, null);

    static Outcome retry(String error, Duration retryAfter) {
        return new Outcome(Kind.RETRY, error, retryAfter);
    }

    static Outcome giveUp(String error) {
        return new Outcome(Kind.GIVE_UP, error, null);
    }
}
