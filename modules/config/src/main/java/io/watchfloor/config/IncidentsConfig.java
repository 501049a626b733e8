package io.watchfloor.config;

import io.watchfloor.model.incident.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code incidents:}: how alerts become incidents and how fast someone must answer.
 *
 * @param severityLabel   the alert label read for severity (Prometheus convention: "severity")
 * @param severity        label value (lower case) to incident severity; {@code critical: P1, warning: P3} by default
 * @param defaultSeverity for alerts whose label is missing or not in the map
 * @param responseSla     time from detection to acknowledgement, per severity (every severity has one)
 * @param groupBy         alerts whose values of these labels match join one incident; each entry is a list of
 *                        alternatives, the first label present counts ("service|host" in YAML)
 * @param runbooks        a directory of the team's runbooks, used before the bundled ones; null for bundled only
 * @param user            who this console acts as on timelines; null for the operating-system user
 */
public record IncidentsConfig(String severityLabel, Map<String, Severity> severity, Severity defaultSeverity,
                              Map<Severity, Duration> responseSla, List<List<String>> groupBy, Path runbooks,
                              String user) {
    public static final Map<Severity, Duration> DEFAULT_RESPONSE_SLA = defaultSla();
    public static final IncidentsConfig DEFAULTS = new IncidentsConfig("severity",
            Map.of("critical", Severity.P1, "warning", Severity.P3), Severity.P3, DEFAULT_RESPONSE_SLA,
            List.of(List.of("alertname"), List.of("service", "host")), null, null);

    public IncidentsConfig {
        severity = Map.copyOf(new LinkedHashMap<>(severity));
        EnumMap<Severity, Duration> sla = new EnumMap<>(DEFAULT_RESPONSE_SLA);
        sla.putAll(responseSla);
        responseSla = java.util.Collections.unmodifiableMap(sla);
        groupBy = groupBy.stream().map(List::copyOf).toList();
    }

    /** The acknowledgement deadline's length for this severity. */
    public Duration responseSla(Severity s) {
        return responseSla.get(s);
    }

    /** The incident severity for an alert's labels. */
    public Severity severityOf(Map<String, String> labels) {
        String v = labels.get(severityLabel);
        Severity s = v == null ? null : severity.get(v.strip().toLowerCase(java.util.Locale.ROOT));
        return s == null ? defaultSeverity : s;
    }

    private static Map<Severity, Duration> defaultSla() {
        EnumMap<Severity, Duration> m = new EnumMap<>(Severity.class);
        m.put(Severity.P1, Duration.ofMinutes(15));
        m.put(Severity.P2, Duration.ofHours(1));
        m.put(Severity.P3, Duration.ofHours(4));
        m.put(Severity.P4, Duration.ofDays(1));
        return java.util.Collections.unmodifiableMap(m);
    }
}
