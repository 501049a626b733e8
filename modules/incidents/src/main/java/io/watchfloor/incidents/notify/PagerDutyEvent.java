package io.watchfloor.incidents.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchfloor.config.NotificationConfig;
import io.watchfloor.config.Secret;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.LinkedAlert;
import io.watchfloor.model.incident.Severity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PagerDuty Events API v2 event. Opened triggers, acknowledged acknowledges, resolved resolves, all three with
 * the same {@code dedup_key} ("watchfloor-" + the incident's uid), so PagerDuty keeps them on one incident of its
 * own. Only a trigger carries {@code payload} and {@code client}.
 *
 * <p>The stored event has no {@code routing_key}: the key is a credential, it stays in the configuration and is
 * put in front only when the event is sent ({@link #withRoutingKey}).
 */
final class PagerDutyEvent {
    static final String DEDUP_PREFIX = "watchfloor-";
    /** The Events API's limit for summary. */
    static final int SUMMARY_MAX = 1024;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PagerDutyEvent() {
    }

    static ObjectNode render(MessageFacts f) {
        Incident incident = f.incident();
        ObjectNode root = JSON.objectNode();
        root.put("event_action", switch (f.kind()) {
            case OPENED -> "trigger";
            case ACKNOWLEDGED -> "acknowledge";
            case RESOLVED -> "resolve";
        });
        root.put("dedup_key", dedupKey(incident));
        if (f.kind() != NotificationConfig.Event.OPENED) {
            return root;
        }
        ObjectNode payload = root.putObject("payload");
        payload.put("summary", MessageFacts.cut(incident.severity() + " " + incident.id() + ": " + incident.title(),
                SUMMARY_MAX));
        payload.put("source", "watchfloor");
        payload.put("severity", severity(incident.severity()));
        payload.put("timestamp", f.at().toString());
        String component = f.component();
        if (component != null) {
            payload.put("component", component);
        }
        List<LinkedAlert> alerts = f.sortedAlerts();
        String group = alerts.stream().map(a -> a.labels().get("service")).filter(s -> s != null && !s.isBlank())
                .findFirst().orElse(null);
        if (group != null) {
            payload.put("group", group);
        }
        if (!alerts.isEmpty()) {
            payload.put("class", alerts.get(0).alertname());
        }
        ObjectNode details = payload.putObject("custom_details");
        details.put("incident", incident.id());
        details.put("title", incident.title());
        details.put("status", f.status());
        details.put("severity", f.severity());
        details.put("lead", f.lead());
        details.put("ack_deadline", f.ackDeadline());
        if (!incident.hosts().isEmpty()) {
            strings(details.putArray("hosts"), incident.hosts());
        }
        if (!incident.endpoints().isEmpty()) {
            strings(details.putArray("endpoints"), incident.endpoints());
        }
        if (!alerts.isEmpty()) {
            ArrayNode list = details.putArray("alerts");
            for (int i = 0; i < Math.min(MessageFacts.MAX_ALERTS_LISTED, alerts.size()); i++) {
                LinkedAlert a = alerts.get(i);
                ObjectNode node = list.addObject().put("alertname", a.alertname())
                        .put("state", a.resolvedAt() != null ? "resolved" : a.state().wireName());
                if (a.summary() != null) {
                    node.put("summary", a.summary());
                }
                ObjectNode labels = node.putObject("labels");
                new TreeMap<>(a.labels()).forEach(labels::put);
            }
            if (alerts.size() > MessageFacts.MAX_ALERTS_LISTED) {
                details.put("more_alerts", alerts.size() - MessageFacts.MAX_ALERTS_LISTED);
            }
        }
        root.put("client", "Watchfloor");
        return root;
    }

    /** Same key for trigger, acknowledge and resolve of one incident; unique across consoles (the uid is random). */
    static String dedupKey(Incident incident) {
        return DEDUP_PREFIX + (incident.uid() != null ? incident.uid() : incident.id());
    }

    static String severity(Severity s) {
        return switch (s) {
            case P1 -> "critical";
            case P2 -> "error";
            case P3 -> "warning";
            case P4 -> "info";
        };
    }

    /** The event as sent: {@code routing_key} first, then what was stored. */
    static ObjectNode withRoutingKey(ObjectNode stored, Secret routingKey) {
        ObjectNode out = JSON.objectNode().put("routing_key", routingKey.value());
        for (Map.Entry<String, JsonNode> e : stored.properties()) {
            if (!e.getKey().equals("routing_key")) {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }
}
