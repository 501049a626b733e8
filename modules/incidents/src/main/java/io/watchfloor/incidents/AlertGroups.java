package io.watchfloor.incidents;

import io.watchfloor.incidents.store.Columns;
import io.watchfloor.model.incident.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which incident an alert belongs to, and what it says about hosts and endpoints. Alerts whose group labels
 * have the same values join one incident: {@code groupBy} is a list of entries, each a list of alternative
 * labels of which the first present counts (default: alertname, then service or host).
 */
final class AlertGroups {
    /** Labels naming the machine an alert is about, most specific first. */
    private static final List<String> HOST_LABELS = List.of("host", "hostname", "node", "instance");
    private static final String ENDPOINT_LABEL = "endpoint";

    private final List<List<String>> groupBy;

    AlertGroups(List<List<String>> groupBy) {
        this.groupBy = List.copyOf(groupBy);
    }

    /**
     * The group of these labels: "alertname=GpuXidErrors,host=gpu-03" and the values other than the alert name
     * (for titles). An entry with none of its labels present is left out; with no group label at all, the
     * alert is a group of its own.
     */
    Group groupOf(Map<String, String> labels, String fingerprint) {
        List<String> parts = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (List<String> alternatives : groupBy) {
            for (String label : alternatives) {
                String v = labels.get(label);
                if (v != null && !v.isBlank()) {
                    parts.add(label + "=" + v);
                    if (!label.equals("alertname")) {
                        values.add(v);
                    }
                    break;
                }
            }
        }
        String key = parts.isEmpty() ? "fingerprint=" + fingerprint : String.join(",", parts);
        return new Group(Columns.cut(key, Columns.GROUP_KEY), values);
    }

    /** "Target 127.0.0.1:19100 is down" (the summary annotation), else "GpuXidErrors on gpu-03". */
    static String titleOf(Alert first, Group group) {
        String summary = first.summary();
        String title = summary != null && !summary.isBlank() ? summary.strip()
                : group.values().isEmpty() ? first.alertname()
                : first.alertname() + " on " + String.join(", ", group.values());
        return Columns.cut(title, Columns.TITLE);
    }

    /**
     * The machine an alert is about: host, hostname or node, else the instance without its port. An instance
     * that is a URL (a blackbox probe's target) names an endpoint, not a machine, so it gives none.
     */
    static String hostOf(Map<String, String> labels) {
        for (String label : HOST_LABELS) {
            String v = labels.get(label);
            if (v == null || v.isBlank()) {
                continue;
            }
            v = v.strip();
            if (!label.equals("instance")) {
                return Columns.cut(v, Columns.HOST);
            }
            return v.contains("://") ? null : Columns.cut(withoutPort(v), Columns.HOST);
        }
        return null;
    }

    static String endpointOf(Map<String, String> labels) {
        String v = labels.get(ENDPOINT_LABEL);
        return v == null || v.isBlank() ? null : Columns.cut(v.strip(), Columns.HOST);
    }

    /** "10.0.0.5:9100" -> "10.0.0.5", "[fd00::5]:9100" -> "fd00::5", "gpu-03" -> "gpu-03". */
    static String withoutPort(String instance) {
        if (instance.startsWith("[")) {
            int close = instance.indexOf(']');
            return close > 0 ? instance.substring(1, close) : instance;
        }
        int colon = instance.lastIndexOf(':');
        if (colon > 0 && instance.indexOf(':') == colon && instance.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return instance.substring(0, colon);
        }
        return instance; // a bare IPv6 address or a name without a port
    }

    /** An alert's description on timelines: "GpuXidErrors on gpu-03". */
    static String describe(Alert a) {
        String host = hostOf(a.labels());
        return a.alertname() + (host == null ? "" : " on " + host);
    }

    record Group(String key, List<String> values) {
    }
}
