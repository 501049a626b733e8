package io.watchfloor.sources.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.model.incident.Alert;
import io.watchfloor.model.incident.AlertState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the answer of Alertmanager's GET /api/v2/alerts (a JSON list of GettableAlert) into {@link Alert}s.
 *
 * <p>State: Alertmanager says "active", "suppressed" or "unprocessed" (received, not yet routed: it fires, so it
 * counts as ACTIVE). "suppressed" is split by who suppresses it: a silence (silencedBy) is SILENCED, an inhibition
 * (inhibitedBy) INHIBITED; when both apply the silence wins, because a person chose it. Alertmanager 0.27+ also
 * mutes by time interval (mutedBy); such an alert, like a suppressed one naming nobody, counts as SILENCED (muted on
 * purpose, not firing at anyone). An alert whose endsAt has already passed at poll time is RESOLVED and stays in
 * the list so the incident side can record when it stopped.
 *
 * <p>A broken entry (no fingerprint, no labels, no usable startsAt) is skipped with a warning, the others are kept.
 * An unknown state is kept as ACTIVE with a warning: better to show a firing alert too many than to hide one.
 */
final class AlertListParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Skipped entries named one by one in the warning; the rest are counted. */
    private static final int DETAILS_SHOWN = 3;

    /** The answer was not a list of alerts at all. */
    static final class Malformed extends Exception {
        Malformed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The usable alerts (one per fingerprint, in Alertmanager's order) and what was wrong with the rest. */
    record Parsed(List<Alert> alerts, List<String> warnings) {
    }

    /** An entry that cannot become an {@link Alert}; the message says why, in operator terms. */
    private static final class BadEntry extends Exception {
        BadEntry(String message) {
            super(message, null, false, false);
        }
    }

    private AlertListParser() {
    }

    /**
     * @param now the poll's time: an alert whose endsAt is not after it has resolved
     * @throws Malformed when the body is not JSON or not a JSON list
     */
    static Parsed parse(String body, Instant now) throws Malformed {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Malformed("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new Malformed("the answer is empty; expected a JSON list of alerts", null);
        }
        if (!root.isArray()) {
            throw new Malformed("expected a JSON list of alerts, got " + kind(root)
                    + " (is the url an Alertmanager, with its path prefix if it has one?)", null);
        }
        List<Alert> alerts = new ArrayList<>();
        Set<String> fingerprints = new HashSet<>();
        List<String> skipped = new ArrayList<>();
        Set<String> unknownStates = new LinkedHashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            try {
                Alert a = alert(entry, now, unknownStates);
                if (fingerprints.add(a.fingerprint())) {
                    alerts.add(a);
                }
            } catch (BadEntry e) {
                skipped.add("#" + (i + 1) + name(entry) + " " + e.getMessage());
            }
        }
        List<String> warnings = new ArrayList<>();
        if (!skipped.isEmpty()) {
            String shown = String.join("; ", skipped.subList(0, Math.min(DETAILS_SHOWN, skipped.size())));
            int more = skipped.size() - DETAILS_SHOWN;
            warnings.add("skipped " + skipped.size() + " of " + root.size() + " alerts Alertmanager sent: " + shown
                    + (more > 0 ? "; and " + more + " more" : ""));
        }
        for (String s : unknownStates) {
            warnings.add("Alertmanager reported alert state \"" + s + "\", which this console does not know;"
                    + " counted as active");
        }
        return new Parsed(alerts, warnings);
    }

    private static Alert alert(JsonNode n, Instant now, Set<String> unknownStates) throws BadEntry {
        if (!n.isObject()) {
            throw new BadEntry("is " + kind(n) + ", not an alert object");
        }
        JsonNode fp = n.get("fingerprint");
        if (fp == null || !fp.isTextual() || fp.asText().isBlank()) {
            throw new BadEntry("has no fingerprint");
        }
        JsonNode labels = n.get("labels");
        if (labels == null || !labels.isObject()) {
            throw new BadEntry("has no labels");
        }
        Instant startsAt = time(n, "startsAt");
        if (startsAt == null) {
            throw new BadEntry("has no startsAt");
        }
        Instant endsAt = time(n, "endsAt");
        Map<String, String> labelMap = strings(labels, "label");
        // last: only an entry that is kept may report its state as unknown
        AlertState state = state(n.get("status"), unknownStates);
        if (endsAt != null && !endsAt.isAfter(now)) {
            state = AlertState.RESOLVED;
        }
        JsonNode url = n.get("generatorURL");
        return new Alert(fp.asText(), labelMap, strings(n.get("annotations"), null), state, startsAt, endsAt,
                url != null && url.isTextual() && !url.asText().isBlank() ? url.asText() : null);
    }

    private static AlertState state(JsonNode status, Set<String> unknownStates) {
        String state = status == null ? null : text(status.get("state"));
        if (state == null) {
            unknownStates.add("(none)");
            return AlertState.ACTIVE;
        }
        return switch (state) {
            case "active", "unprocessed" -> AlertState.ACTIVE;
            case "suppressed" -> !nonEmpty(status.get("silencedBy")) && nonEmpty(status.get("inhibitedBy"))
                    ? AlertState.INHIBITED : AlertState.SILENCED;
            default -> {
                unknownStates.add(state);
                yield AlertState.ACTIVE;
            }
        };
    }

    /**
     * A label or annotation map. Labels must be strings (they identify the alert); an annotation that is not is
     * kept as its JSON text, since it only describes.
     *
     * @param strictAbout "label" to reject non-string values, null to be lenient
     */
    private static Map<String, String> strings(JsonNode node, String strictAbout) throws BadEntry {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                out.put(e.getKey(), v.asText());
            } else if (strictAbout != null) {
                throw new BadEntry("has " + strictAbout + " \"" + e.getKey() + "\" that is " + kind(v) + ", not text");
            } else if (!v.isNull()) {
                out.put(e.getKey(), v.toString());
            }
        }
        return out;
    }

    /**
     * An RFC 3339 time; null when absent or Go's zero time (0001-01-01: "not set").
     *
     * @throws BadEntry when present but unreadable
     */
    private static Instant time(JsonNode alert, String field) throws BadEntry {
        String text = text(alert.get(field));
        if (text == null) {
            return null;
        }
        try {
            Instant t = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return t.isBefore(Instant.parse("0002-01-01T00:00:00Z")) ? null : t;
        } catch (DateTimeParseException e) {
            throw new BadEntry("has " + field + " \"" + text + "\", which is not an RFC 3339 time");
        }
    }

    /**
     * The text of a body that is one bare JSON string, as Alertmanager writes its errors
     * ({@code "error parsing regexp: ..."}); null for anything else.
     */
    static String bareJsonString(String body) {
        if (body == null || !body.stripLeading().startsWith("\"")) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText().strip() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static boolean nonEmpty(JsonNode n) {
        return n != null && n.isArray() && !n.isEmpty();
    }

    /** " (TargetDown)" when the entry names its alert, so the operator can find it. */
    private static String name(JsonNode entry) {
        JsonNode labels = entry.isObject() ? entry.get("labels") : null;
        String name = labels != null && labels.isObject() ? text(labels.get("alertname")) : null;
        return name == null ? "" : " (" + name + ")";
    }

    private static String kind(JsonNode n) {
        if (n.isObject()) {
            return "a JSON object";
        }
        if (n.isArray()) {
            return "a JSON list";
        }
        if (n.isTextual()) {
            return "a JSON string";
        }
        if (n.isNull()) {
            return "null";
        }
        return n.isNumber() ? "a number" : "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
