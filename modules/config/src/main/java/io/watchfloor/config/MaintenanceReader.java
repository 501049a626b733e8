package io.watchfloor.config;

import io.watchfloor.model.endpoint.MaintenanceWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code maintenance:}, planned windows excluded from SLA accounting. Times must carry their zone (Z or an
 * offset): a window read in the console's local zone would move when the wall's machine is in another one.
 */
final class MaintenanceReader {
    static final List<String> KEYS = List.of("endpoint", "from", "to", "reason");
    /** {@code endpoint: "*"}: the window applies to every endpoint. */
    static final String ALL = "*";

    private static final String TIME_EXPECTED = "expected an ISO-8601 time with Z or an offset, such as "
            + "2026-11-20T02:00:00Z or 2026-11-20T03:00:00+01:00";

    private final NodeReader reader;
    private final Collection<String> endpointIds;

    /** @param endpointIds every valid id under {@code endpoints:}, also of entries with other problems */
    MaintenanceReader(NodeReader reader, Collection<String> endpointIds) {
        this.reader = reader;
        this.endpointIds = endpointIds;
    }

    List<MaintenanceWindow> readAll(Node node) {
        if (NodeReader.isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode list)) {
            reader.report(node, "maintenance", NodeReader.kind(node, false) + "; expected a list of windows, each with "
                    + "endpoint, from and to (start each window with \"- \")");
            return List.of();
        }
        List<MaintenanceWindow> windows = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            MaintenanceWindow window = read(list.getValue().get(i), "maintenance[" + i + "]");
            if (window != null) {
                windows.add(window);
            }
        }
        return windows;
    }

    private MaintenanceWindow read(Node node, String path) {
        Section s = Section.of(reader, node, path, "expected a mapping with endpoint, from and to");
        if (s == null) {
            return null;
        }
        s.rejectUnknown(reader, KEYS);
        Node endpointNode = s.require(reader, "endpoint", "; expected an endpoint id, or \"*\" for every endpoint");
        Node fromNode = s.require(reader, "from", "; " + TIME_EXPECTED);
        Node toNode = s.require(reader, "to", "; " + TIME_EXPECTED);
        String endpoint = endpointNode == null ? null : endpoint(endpointNode, s.child("endpoint"));
        ScalarText fromText = fromNode == null ? null : reader.text(fromNode, s.child("from"), TIME_EXPECTED);
        ScalarText toText = toNode == null ? null : reader.text(toNode, s.child("to"), TIME_EXPECTED);
        Instant from = fromText == null ? null : instant(fromText, s.child("from"));
        Instant to = toText == null ? null : instant(toText, s.child("to"));
        if (from != null && to != null && !to.isAfter(from)) {
            reader.report(toNode, s.child("to"), toText.shown() + " is not after from (" + fromText.shown()
                    + "); expected the end of the window after its start");
            return null;
        }
        String reason = null;
        if (s.has("reason")) {
            ScalarText text = reader.text(s.get("reason"), s.child("reason"), "expected a short text such as "
                    + "\"driver upgrade\"");
            reason = text == null || text.value().isBlank() ? null : text.value().strip();
        }
        if (endpoint == null || from == null || to == null) {
            return null;
        }
        return new MaintenanceWindow(endpoint.equals(ALL) ? null : endpoint, from, to, reason);
    }

    /** The endpoint id, "*" for all, or null when it is not a configured endpoint (reported). */
    private String endpoint(Node node, String path) {
        String expected = "expected the id of an entry under endpoints:, or \"*\" for every endpoint";
        ScalarText text = reader.text(node, path, expected);
        if (text == null) {
            return null;
        }
        String id = text.value().strip();
        if (id.equals(ALL) || endpointIds.contains(id)) {
            return id;
        }
        Optional<String> suggestion = KeySuggestions.closest(id, endpointIds);
        reader.report(node, path, "no endpoint has id " + ScalarText.quote(id)
                + suggestion.map(x -> " (did you mean " + ScalarText.quote(x) + "?)").orElse("") + "; " + expected);
        return null;
    }

    private Instant instant(ScalarText text, String path) {
        String value = text.value().strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            String what = " is not a time";
            if (parses(() -> LocalDateTime.parse(value))) {
                what = " has no time zone";
            } else if (parses(() -> LocalDate.parse(value))) {
                what = " is a date without a time";
            }
            reader.report(text.node(), path, text.shown() + what + "; " + TIME_EXPECTED);
            return null;
        }
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
