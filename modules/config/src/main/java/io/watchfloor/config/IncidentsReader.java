package io.watchfloor.config;

import io.watchfloor.model.incident.Severity;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code incidents:}; every key is optional and falls back to {@link IncidentsConfig#DEFAULTS}. A severity
 * map given in the file replaces the default one (a team that writes {@code critical: P2} does not want the
 * default {@code warning: P3} kept behind its back); response SLAs given replace only those severities.
 */
final class IncidentsReader {
    static final List<String> KEYS = List.of("severityLabel", "severity", "defaultSeverity", "responseSla",
            "groupBy", "runbooks", "user");
    private static final String SEVERITY_EXPECTED = "expected P1, P2, P3 or P4";
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final String RUNBOOKS_EXPECTED = "expected a folder of runbook files (*.yaml, *.md)";

    private final NodeReader reader;

    IncidentsReader(NodeReader reader) {
        this.reader = reader;
    }

    IncidentsConfig read(Node node) {
        IncidentsConfig d = IncidentsConfig.DEFAULTS;
        Section s = Section.of(reader, node, "incidents", "expected a mapping with keys such as severity and "
                + "responseSla");
        if (s == null) {
            return d;
        }
        s.rejectUnknown(reader, KEYS);
        String label = s.has("severityLabel") ? labelName(s.get("severityLabel"), s.child("severityLabel"),
                d.severityLabel()) : d.severityLabel();
        Map<String, Severity> severity = s.has("severity") ? severityMap(s.get("severity")) : d.severity();
        Severity fallback = s.has("defaultSeverity") ? severity(s.get("defaultSeverity"), s.child("defaultSeverity"))
                : null;
        Map<Severity, Duration> sla = s.has("responseSla") ? responseSla(s.get("responseSla")) : Map.of();
        List<List<String>> groupBy = s.has("groupBy") ? groupBy(s.get("groupBy")) : d.groupBy();
        Path runbooks = s.has("runbooks") ? directory(s.get("runbooks"), s.child("runbooks")) : null;
        String user = s.has("user") ? name(s.get("user"), s.child("user"), null) : null;
        return new IncidentsConfig(label, severity, fallback == null ? d.defaultSeverity() : fallback, sla, groupBy,
                runbooks, user);
    }

    private Map<String, Severity> severityMap(Node node) {
        Section s = Section.of(reader, node, "incidents.severity",
                "expected a mapping from label value to severity, such as {critical: P1, warning: P3}");
        if (s == null) {
            return IncidentsConfig.DEFAULTS.severity();
        }
        Map<String, Severity> map = new LinkedHashMap<>();
        Map<String, String> writtenAs = new LinkedHashMap<>();
        for (Section.Entry e : s.entries()) {
            Severity sev = severity(e.value(), s.child(e.name()));
            String value = e.name().strip().toLowerCase(Locale.ROOT);
            // label values are matched without case, so "Critical" and "critical" would silently fight
            String first = writtenAs.putIfAbsent(value, e.name());
            if (first != null) {
                reader.report(e.key(), s.path(), ScalarText.quote(e.name()) + " is the same label value as "
                        + ScalarText.quote(first) + " (case does not count); expected each value once");
                continue;
            }
            if (sev != null) {
                map.put(value, sev);
            }
        }
        return map;
    }

    private Map<Severity, Duration> responseSla(Node node) {
        Section s = Section.of(reader, node, "incidents.responseSla",
                "expected a mapping from severity to a time to acknowledge, such as {P1: 15m, P2: 60m}");
        Map<Severity, Duration> map = new EnumMap<>(Severity.class);
        if (s == null) {
            return map;
        }
        s.rejectUnknown(reader, Arrays.stream(Severity.values()).map(Enum::name).toList());
        for (Severity sev : Severity.values()) {
            if (s.has(sev.name())) {
                Duration d = reader.duration(s.get(sev.name()), s.child(sev.name()), Duration.ofSeconds(1));
                if (d != null) {
                    map.put(sev, d);
                }
            }
        }
        return map;
    }

    /** A list of label names; "service|host" means the first of these present. */
    private List<List<String>> groupBy(Node node) {
        String expected = "expected a list of label names such as [alertname, \"service|host\"]";
        if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
            reader.report(node, "incidents.groupBy", NodeReader.kind(node, false) + "; " + expected);
            return IncidentsConfig.DEFAULTS.groupBy();
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            String path = "incidents.groupBy[" + i + "]";
            ScalarText t = reader.text(list.getValue().get(i), path, expected);
            if (t == null) {
                continue;
            }
            List<String> alternatives = Arrays.stream(t.value().split("\\|")).map(String::strip)
                    .filter(x -> !x.isEmpty()).toList();
            if (alternatives.isEmpty() || alternatives.stream().anyMatch(a -> !LABEL.matcher(a).matches())) {
                reader.report(list.getValue().get(i), path, t.shown() + " is not a label name; " + expected);
                continue;
            }
            out.add(alternatives);
        }
        return out.isEmpty() ? IncidentsConfig.DEFAULTS.groupBy() : out;
    }

    private Severity severity(Node node, String path) {
        ScalarText t = reader.text(node, path, SEVERITY_EXPECTED);
        if (t == null) {
            return null;
        }
        Severity s = Severity.parse(t.value());
        if (s == null) {
            reader.report(node, path, t.shown() + " is not a severity; " + SEVERITY_EXPECTED);
        }
        return s;
    }

    /** A Prometheus label name. */
    private String labelName(Node node, String path, String fallback) {
        String expected = "expected a label name such as severity";
        ScalarText t = reader.text(node, path, expected);
        if (t == null) {
            return fallback;
        }
        if (!LABEL.matcher(t.value().strip()).matches()) {
            reader.report(node, path, (t.value().isBlank() ? "is empty" : t.shown() + " is not a label name") + "; "
                    + expected);
            return fallback;
        }
        return t.value().strip();
    }

    private String name(Node node, String path, String fallback) {
        ScalarText t = reader.text(node, path, "expected a name");
        return t == null || t.value().isBlank() ? fallback : t.value().strip();
    }

    /**
     * A directory, relative to the config file's folder unless absolute ("~" is the user's home); it must exist.
     * A missing one is an error rather than "no team runbooks": the team would work incidents without the
     * checklists it wrote and not know why.
     */
    private Path directory(Node node, String path) {
        ScalarText t = reader.text(node, path, "expected the path of a directory of runbook files");
        if (t == null) {
            return null;
        }
        String value = t.value().strip();
        if (value.isEmpty()) {
            reader.report(node, path, "is empty; " + RUNBOOKS_EXPECTED);
            return null;
        }
        if (value.equals("~") || value.startsWith("~/")) {
            value = System.getProperty("user.home") + value.substring(1);
        }
        Path p;
        try {
            p = reader.baseDir().resolve(value).normalize();
        } catch (InvalidPathException e) {
            reader.report(node, path, t.shown() + " is not a valid path; " + RUNBOOKS_EXPECTED);
            return null;
        }
        if (!Files.exists(p)) {
            reader.report(node, path, "directory " + ScalarText.quote(p.toString()) + " does not exist; "
                    + RUNBOOKS_EXPECTED);
            return null;
        }
        if (!Files.isDirectory(p)) {
            reader.report(node, path, ScalarText.quote(p.toString()) + " is a file; " + RUNBOOKS_EXPECTED);
            return null;
        }
        return p;
    }
}
