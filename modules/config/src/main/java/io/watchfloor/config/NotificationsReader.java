package io.watchfloor.config;

import io.watchfloor.model.incident.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
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
            // never quote a scalar here: it may be a webhook URL written without the list around it
            reader.report(node, "notifications", NodeReader.kind(node, true) + "; expected a list of channels, "
                    + "each with id and type (" + TYPES + ")");
            return List.of();
        }
        List<NotificationConfig> out = new ArrayList<>();
        Map<String, Position> firstIds = new HashMap<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            NotificationConfig c = read(list.getValue().get(i), "notifications[" + i + "]", firstIds);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private NotificationConfig read(Node node, String path, Map<String, Position> firstIds) {
        String expected = "expected a mapping with id and type (" + TYPES + ")";
        if (node instanceof ScalarNode && !NodeReader.isNull(node)) {
            // a bare value in the list is most likely a webhook URL: say so without quoting it
            reader.report(node, path, NodeReader.kind(node, true) + "; " + expected);
            return null;
        }
        Section s = Section.of(reader, node, path, expected);
        if (s == null) {
            return null;
        }
        s.rejectUnknown(reader, KEYS);
        Node idNode = s.require(reader, "id", "; expected a short name such as slack-ops");
        Node typeNode = s.require(reader, "type", "; expected " + TYPES);
        String id = idNode == null ? null : id(idNode, s.child("id"), firstIds);
        NotificationConfig.Kind kind = typeNode == null ? null : kind(typeNode, s.child("type"));
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
        } else {
            if (s.has("routingKey")) {
                reader.report(s.get("routingKey"), s.child("routingKey"), "is only for pagerduty; a " + kind.wireName()
                        + " channel is addressed by its webhook url alone");
            }
            Node urlNode = s.require(reader, "url", "; expected the incoming webhook URL, usually ${"
                    + kind.name() + "_WEBHOOK_URL}");
            url = urlNode == null ? null : webhook(urlNode, s.child("url"));
        }
        // read on when the address is wrong, so that one run shows every mistake of the entry
        Set<NotificationConfig.Event> events = s.has("events") ? events(s.get("events"), s.child("events"))
                : EnumSet.allOf(NotificationConfig.Event.class);
        Severity min = Severity.P4;
        if (s.has("minSeverity")) {
            ScalarText t = reader.text(s.get("minSeverity"), s.child("minSeverity"), "expected P1, P2, P3 or P4");
            Severity parsed = t == null ? null : Severity.parse(t.value());
            if (t != null && parsed == null) {
                reader.report(s.get("minSeverity"), s.child("minSeverity"), shown(t)
                        + " is not a severity; expected P1, P2, P3 or P4");
            }
            min = parsed == null ? min : parsed;
        }
        if (url == null || kind == NotificationConfig.Kind.PAGERDUTY && routingKey == null) {
            return null;
        }
        return new NotificationConfig(id, kind, url, kind != NotificationConfig.Kind.PAGERDUTY, routingKey, events,
                min);
    }

    /** A channel id: a name for screens and the outbox, unique in the file. */
    private String id(Node node, String path, Map<String, Position> firstIds) {
        ScalarText id = reader.text(node, path, "expected a short name such as slack-ops");
        if (id == null) {
            return null;
        }
        String value = id.value().strip();
        if (!SourceReader.ID.matcher(value).matches()) {
            reader.report(node, path, shown(id) + " is not a valid id; expected letters, digits, '.', '_' or '-', "
                    + "such as slack-ops");
            return null;
        }
        Position first = firstIds.putIfAbsent(value, reader.problems().position(node));
        if (first != null) {
            reader.report(node, path, "duplicate channel id " + ScalarText.quote(value) + " (first defined at line "
                    + first.line() + "); expected a unique id per channel");
            return null;
        }
        return value;
    }

    private NotificationConfig.Kind kind(Node node, String path) {
        ScalarText type = reader.text(node, path, "expected " + TYPES);
        if (type == null) {
            return null;
        }
        String value = type.value().strip().toLowerCase(Locale.ROOT);
        for (NotificationConfig.Kind k : NotificationConfig.Kind.values()) {
            if (k.wireName().equals(value)) {
                return k;
            }
        }
        List<String> names = Arrays.stream(NotificationConfig.Kind.values()).map(NotificationConfig.Kind::wireName)
                .toList();
        Optional<String> suggestion = value.contains("://") ? Optional.empty() : KeySuggestions.closest(value, names);
        reader.report(node, path, shown(type) + " is not a channel type"
                + suggestion.map(k -> " (did you mean " + ScalarText.quote(k) + "?)").orElse("") + "; expected " + TYPES);
        return null;
    }

    /**
     * How a message may quote a value of this section: a value that holds a URL is not quoted, because in a
     * notifications entry that is most likely a webhook URL written under the wrong key.
     */
    private static String shown(ScalarText t) {
        return t.value().contains("://") ? "a URL (not shown: a webhook URL is a credential)" : t.shown();
    }

    /** A webhook URL, read as a secret: problems describe it without quoting it. */
    private URI webhook(Node node, String path) {
        ScalarText t = reader.text(node, path, "expected an https webhook URL", true);
        if (t == null) {
            return null;
        }
        String hidden = " (not shown: a webhook URL is a credential)";
        if (t.value().isBlank()) {
            reader.report(node, path, "is empty; expected an https webhook URL");
            return null;
        }
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
        if (node instanceof SequenceNode empty && empty.getValue().isEmpty()) {
            // a channel that wants nothing is a mistake: leave the entry out instead
            reader.report(node, path, "is empty; " + expected);
            return EnumSet.allOf(NotificationConfig.Event.class);
        }
        if (!(node instanceof SequenceNode list)) {
            reader.report(node, path, NodeReader.kind(node, true) + "; " + expected);
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
                reader.report(list.getValue().get(i), path + "[" + i + "]", shown(t) + " is not an event; " + expected);
            }
        }
        return out.isEmpty() ? EnumSet.allOf(NotificationConfig.Event.class) : out;
    }
}
