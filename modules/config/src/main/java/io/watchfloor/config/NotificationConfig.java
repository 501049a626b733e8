package io.watchfloor.config;

import io.watchfloor.model.incident.Severity;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of {@code notifications:}: where incident events are posted.
 *
 * @param id          names the channel on screens and in the outbox (never the URL: it is a secret)
 * @param url         the webhook (Slack, Teams) or the Events API endpoint (PagerDuty; default
 *                    https://events.pagerduty.com/v2/enqueue)
 * @param secretUrl   true when the URL itself is the credential (Slack and Teams webhooks): shown as *** everywhere
 * @param routingKey  PagerDuty integration key; null for the others
 * @param events      which events are posted
 * @param minSeverity incidents less severe than this are not posted
 */
public record NotificationConfig(String id, Kind kind, URI url, boolean secretUrl, Secret routingKey,
                                 Set<Event> events, Severity minSeverity) {
    public enum Kind {
        SLACK, TEAMS, PAGERDUTY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The incident events a channel can receive. */
    public enum Event {
        OPENED, ACKNOWLEDGED, RESOLVED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public NotificationConfig {
        events = Set.copyOf(events);
    }

    @Override
    public String toString() {
        return "NotificationConfig[" + id + ", " + kind.wireName() + ", url=" + (secretUrl ? "***" : url) + "]";
    }
}
