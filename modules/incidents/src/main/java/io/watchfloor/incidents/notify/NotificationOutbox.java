package io.watchfloor.incidents.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchfloor.config.NotificationConfig;
import io.watchfloor.incidents.IncidentEvent;
import io.watchfloor.incidents.IncidentEventSink;
import io.watchfloor.model.incident.Severity;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident service's sink for notifications: inside the transaction of an incident action it writes one
 * outbox row per channel that wants the event, with the message already rendered (so it says what was true
 * then, however late it goes out). After the commit it only wakes the dispatcher; it never does I/O.
 *
 * <p>A channel wants an event when its {@code events} name it (opened, acknowledged, resolved; other incident
 * events are not posted) and the incident is at least as severe as its {@code minSeverity}.
 */
public final class NotificationOutbox implements IncidentEventSink {
    private static final Logger log = LoggerFactory.getLogger(NotificationOutbox.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<NotificationConfig> channels;
    private final Runnable onCommitted;

    /**
     * @param onCommitted called after a transaction with messages committed (wakes the dispatcher); must not block
     */
    public NotificationOutbox(List<NotificationConfig> channels, Runnable onCommitted) {
        this.channels = List.copyOf(channels);
        this.onCommitted = Objects.requireNonNull(onCommitted, "onCommitted");
    }

    @Override
    public void record(Connection c, IncidentEvent given) throws SQLException {
        NotificationConfig.Event kind = eventOf(given.kind());
        if (kind == null) {
            return;
        }
        IncidentEvent event = given.at() != null ? given
                : new IncidentEvent(given.kind(), given.incident(), Instant.now(), given.actor());
        Map<NotificationConfig.Kind, String> rendered = new EnumMap<>(NotificationConfig.Kind.class);
        for (NotificationConfig channel : channels) {
            if (!wants(channel, kind, event.incident().severity())) {
                continue;
            }
            String payload;
            try {
                payload = rendered.computeIfAbsent(channel.kind(), k -> render(k, event, kind));
            } catch (RuntimeException e) {
                // A message that cannot be written must not undo the person's action: skip it, say so.
                log.error("Notification for {} {} to channel {} not written: {}", event.incident().id(),
                        kind.wireName(), channel.id(), e.toString());
                continue;
            }
            OutboxTable.insert(c, channel.id(), kind.wireName(), event.incident().id(), event.at(), payload);
        }
    }

    @Override
    public void committed(IncidentEvent event) {
        if (eventOf(event.kind()) != null) {
            onCommitted.run();
        }
    }

    /** The notification event for an incident event, or null for those never posted. */
    static NotificationConfig.Event eventOf(IncidentEvent.Kind kind) {
        return switch (kind) {
            case OPENED -> NotificationConfig.Event.OPENED;
            case ACKNOWLEDGED -> NotificationConfig.Event.ACKNOWLEDGED;
            case RESOLVED -> NotificationConfig.Event.RESOLVED;
            case REOPENED, CLOSED, SEVERITY_CHANGED -> null;
        };
    }

    /** P1 passes every threshold; P3 passes minSeverity P3 and P4 but not P2. */
    static boolean wants(NotificationConfig channel, NotificationConfig.Event kind, Severity severity) {
        return channel.events().contains(kind) && !channel.minSeverity().outranks(severity);
    }

    /** The JSON body for one kind of channel (for PagerDuty without the routing key). */
    static String render(NotificationConfig.Kind channelKind, IncidentEvent event, NotificationConfig.Event kind) {
        MessageFacts facts = new MessageFacts(event, kind);
        ObjectNode body = switch (channelKind) {
            case SLACK -> SlackMessage.render(facts);
            case TEAMS -> TeamsMessage.render(facts);
            case PAGERDUTY -> PagerDutyEvent.render(facts);
        };
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + channelKind.wireName() + " message as JSON", e);
        }
    }
}
