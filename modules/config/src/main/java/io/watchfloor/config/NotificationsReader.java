package io.watchfloor.config;

import io.watchfloor.model.incident.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code notifications:}, the channels incident events are posted to. Slack and Teams webhook URLs are
 * credentials (anyone holding one can post): they are read as secrets and no message quotes them. Usually they
 * come from the environment: {@code url: ${SLACK_WEBHOOK_URL}}.
 */
final class NotificationsReader {
    static final List<String> KEYS = List.of("id", "type", "url", "routingKey", "events", "minSeverity");
    static final URI PAGERDUTY_EVENTS = URI.create("https://events.pagerduty.com/v2/enqueue");
    private static final String TYPES = "slack, teams or pagerduty";

    private final NodeReader reader;

    NotificationsReader(NodeReader reader) {
        this.reader = reader;
    }

    List<NotificationConfig> readAll(Node node) {
        if (NodeReader.isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode list)) {
            reader.report(node, "notifications", NodeReader.kind(node, false) + "; expected a list of channels, "
                    + "each with id and type (" + TYPES + ")");
            return List.of();
        }
        List<NotificationConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            NotificationConfig c = read(list.getValue().get(i), "notifications[" + i + "]");
            if (c != null) {
                if (!ids.add(c.id())) {
                    reader.report(list.getValue().get(i), "notifications[" + i + "].id", "\"" + c.id()
                            + "\" is used twice; expected a unique id per channel");
                    continue;
                }
                out.add(c);
            }
        }
        return out;
    }

    private NotificationConfig read(Node node, String path) {
        Section s = Section.of(reader, node, path, "expected a mapping with id and type (" + TYPES + ")");
        if (s == null) {
            return null;
        }
        s.rejectUnknown(reader, KEYS);
        Node idNode = s.require(reader, "id", "; expected a short name such as slack-ops");
        Node typeNode = s.require(reader, "type", "; expected " + TYPES);
        ScalarText id = idNode == null ? null : reader.text(idNode, s.child("id"), "expected a short name");
        ScalarText type = typeNode == null ? null : reader.text(typeNode, s.child("type"), "expected " + TYPES);
        NotificationConfig.Kind kind = null;
        if (type != null) {
            try {
                kind = NotificationConfig.Kind.valueOf(type.value().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                reader.report(typeNode, s.child("type"), type.shown() + " is not a channel type; expected " + TYPES);
            }
        }
        if (id == null || kind == null) {
            return null;
        }
        URI url;
        Secret routingKey = null;
        if (kind == NotificationConfig.Kind.PAGERDUTY) {
            url = s.has("url") ? reader.url(s.get("url"), s.child("url"), "expected the Events API v2 URL, "
                    + PAGERDUTY_EVENTS) : PAGERDUTY_EVENTS;
            Node keyNode = s.require(reader, "routingKey", "; expected the integration's routing key, usually "
                    + "${PAGERDUTY_ROUTING_KEY}");
            if (keyNode != null) {
                ScalarText key = reader.text(keyNode, s.child("routingKey"), "expected a routing key", true);
                if (key != null && !key.value().isBlank()) {
                    routingKey = new Secret(key.value().strip());
                } else if (key != null) {
                    reader.report(keyNode, s.child("routingKey"), "is empty; expected a routing key");
                }
            }
            if (url == null || routingKey == null) {
                return null;
            }
        } else {
            if (s.has("routingKey")) {
                reader.report(s.get("routingKey"), s.child("routingKey"), "is only for pagerduty; a " + kind.wireName()
                        + " channel is addressed by its webhook url alone");
            }
            Node urlNode = s.require(reader, "url", "; expected the incoming webhook URL, usually ${"
                    + kind.name() + "_WEBHOOK_URL}");
            url = urlNode == null ? null : webhook(urlNode, s.child("url"));
            if (url == null) {
                return null;
            }
        }
        Set<NotificationConfig.Event> events = s.has("events") ? events(s.get("events"), s.child("events"))
                : EnumSet.allOf(NotificationConfig.Event.class);
        Severity min = Severity.P4;
        if (s.has("minSeverity")) {
            ScalarText t = reader.text(s.get("minSeverity"), s.child("minSeverity"), "expected P1, P2, P3 or P4");
            Severity parsed = t == null ? null : Severity.parse(t.value());
            if (t != null && parsed == null) {
                reader.report(s.get("minSeverity"), s.child("minSeverity"), t.shown()
                        + " is not a severity; expected P1, P2, P3 or P4");
            }
            min = parsed == null ? min : parsed;
        }
        return new NotificationConfig(id.value().strip(), kind, url, kind != NotificationConfig.Kind.PAGERDUTY,
                routingKey, events, min);
    }

    /** A webhook URL, read as a secret: problems describe it without quoting it. */
    private URI webhook(Node node, String path) {
        ScalarText t = reader.text(node, path, "expected an https webhook URL", true);
        if (t == null) {
            return null;
        }
        String hidden = " (not shown: a webhook URL is a credential)";
        URI uri;
        try {
            uri = new URI(t.value().strip());
        } catch (URISyntaxException e) {
            reader.report(node, path, "is not a valid URL" + hidden + "; expected an https webhook URL");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            reader.report(node, path, "is not an http or https URL with a host" + hidden
                    + "; expected an https webhook URL");
            return null;
        }
        return uri;
    }

    private Set<NotificationConfig.Event> events(Node node, String path) {
        String expected = "expected a list of events: opened, acknowledged, resolved";
        Set<NotificationConfig.Event> out = EnumSet.noneOf(NotificationConfig.Event.class);
        if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
            reader.report(node, path, NodeReader.kind(node, false) + "; " + expected);
            return EnumSet.allOf(NotificationConfig.Event.class);
        }
        for (int i = 0; i < list.getValue().size(); i++) {
            ScalarText t = reader.text(list.getValue().get(i), path + "[" + i + "]", expected);
            if (t == null) {
                continue;
            }
            try {
                out.add(NotificationConfig.Event.valueOf(t.value().strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                reader.report(list.getValue().get(i), path + "[" + i + "]", t.shown() + " is not an event; " + expected
                        + " (" + Arrays.toString(NotificationConfig.Event.values()).toLowerCase(Locale.ROOT) + ")");
            }
        }
        return out.isEmpty() ? EnumSet.allOf(NotificationConfig.Event.class) : out;
    }
}
