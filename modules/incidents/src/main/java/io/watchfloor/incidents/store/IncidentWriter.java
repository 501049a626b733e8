package io.watchfloor.incidents.store;

import io.watchfloor.incidents.ActionItem;
import io.watchfloor.incidents.ChecklistStep;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.LinkedAlert;
import io.watchfloor.incidents.TimelineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes what changed between two versions of an incident: the incident row when one of its own fields
 * changed, new and changed alerts and steps, new hosts and endpoints, the timeline entries after the last one
 * stored. Nothing is ever deleted except action items, which are rewritten as a list when they change.
 */
final class IncidentWriter {
    private IncidentWriter() {
    }

    static void save(Connection c, Incident before, Incident after) throws SQLException {
        if (before == null) {
            insertRow(c, after);
        } else if (!sameRow(before, after)) {
            updateRow(c, after);
        }
        long n = after.number();
        alerts(c, n, before == null ? List.of() : before.alerts(), after.alerts());
        names(c, "incident_hosts", "host", n, before == null ? List.of() : before.hosts(), after.hosts());
        names(c, "incident_endpoints", "endpoint", n, before == null ? List.of() : before.endpoints(), after.endpoints());
        steps(c, n, before == null ? List.of() : before.checklist(), after.checklist());
        timeline(c, n, before == null ? 0 : lastSeq(before), after.timeline());
        List<ActionItem> oldItems = before == null ? List.of() : before.postmortem().actionItems();
        if (!oldItems.equals(after.postmortem().actionItems())) {
            actionItems(c, n, after.postmortem().actionItems());
        }
    }

    private static long lastSeq(Incident i) {
        return i.timeline().isEmpty() ? 0 : i.timeline().get(i.timeline().size() - 1).seq();
    }

    /** The incident's own columns (not its lists, not the action items) are the same. */
    private static boolean sameRow(Incident a, Incident b) {
        return Objects.equals(a.title(), b.title()) && a.severity() == b.severity()
                && a.severityPinned() == b.severityPinned() && a.status() == b.status()
                && Objects.equals(a.lead(), b.lead()) && Objects.equals(a.ackDeadline(), b.ackDeadline())
                && Objects.equals(a.acknowledgedAt(), b.acknowledgedAt())
                && Objects.equals(a.acknowledgedBy(), b.acknowledgedBy())
                && Objects.equals(a.mitigatedAt(), b.mitigatedAt()) && Objects.equals(a.resolvedAt(), b.resolvedAt())
                && Objects.equals(a.closedAt(), b.closedAt())
                && Objects.equals(a.responseBreachedAt(), b.responseBreachedAt())
                && Objects.equals(a.resolveOverride(), b.resolveOverride())
                && Objects.equals(a.detectedAt(), b.detectedAt())
                && a.postmortem().summary().equals(b.postmortem().summary())
                && a.postmortem().contributingFactors().equals(b.postmortem().contributingFactors())
                && a.postmortem().rootCause().equals(b.postmortem().rootCause())
                && a.postmortem().resolution().equals(b.postmortem().resolution());
    }

    private static void insertRow(Connection c, Incident i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidents (number, uid, group_key, opened_at,"
                + " title, severity, severity_pinned, status, lead_name, detected_at, ack_deadline, acknowledged_at,"
                + " acknowledged_by, mitigated_at, resolved_at, closed_at, response_breached_at, resolve_override,"
                + " pm_summary, pm_factors, pm_root_cause, pm_resolution)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, i.number());
            ps.setString(2, i.uid());
            Sql.setText(ps, 3, i.groupKey(), Columns.GROUP_KEY);
            Sql.setMillis(ps, 4, i.openedAt());
            bindMutable(ps, 5, i);
            ps.executeUpdate();
        }
    }

    private static void updateRow(Connection c, Incident i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET title = ?, severity = ?,"
                + " severity_pinned = ?, status = ?, lead_name = ?, detected_at = ?, ack_deadline = ?,"
                + " acknowledged_at = ?, acknowledged_by = ?, mitigated_at = ?, resolved_at = ?, closed_at = ?,"
                + " response_breached_at = ?, resolve_override = ?, pm_summary = ?, pm_factors = ?,"
                + " pm_root_cause = ?, pm_resolution = ? WHERE number = ?")) {
            int next = bindMutable(ps, 1, i);
            ps.setLong(next, i.number());
            if (ps.executeUpdate() != 1) {
                throw new SQLException(i.id() + " is not in the store");
            }
        }
    }

    /** Binds the 18 columns that commands change, from {@code first}; returns the next index. */
    private static int bindMutable(PreparedStatement ps, int first, Incident i) throws SQLException {
        int k = first;
        Sql.setText(ps, k++, i.title(), Columns.TITLE);
        ps.setString(k++, i.severity().name());
        ps.setBoolean(k++, i.severityPinned());
        ps.setString(k++, i.status().wireName());
        Sql.setText(ps, k++, i.lead(), Columns.USER);
        Sql.setMillis(ps, k++, i.detectedAt());
        Sql.setMillis(ps, k++, i.ackDeadline());
        Sql.setMillis(ps, k++, i.acknowledgedAt());
        Sql.setText(ps, k++, i.acknowledgedBy(), Columns.USER);
        Sql.setMillis(ps, k++, i.mitigatedAt());
        Sql.setMillis(ps, k++, i.resolvedAt());
        Sql.setMillis(ps, k++, i.closedAt());
        Sql.setMillis(ps, k++, i.responseBreachedAt());
        Sql.setText(ps, k++, i.resolveOverride(), Columns.OVERRIDE);
        Sql.setText(ps, k++, i.postmortem().summary(), Columns.POSTMORTEM_TEXT);
        Sql.setText(ps, k++, i.postmortem().contributingFactors(), Columns.POSTMORTEM_TEXT);
        Sql.setText(ps, k++, i.postmortem().rootCause(), Columns.POSTMORTEM_TEXT);
        Sql.setText(ps, k++, i.postmortem().resolution(), Columns.POSTMORTEM_TEXT);
        return k;
    }

    private static void alerts(Connection c, long n, List<LinkedAlert> before, List<LinkedAlert> after)
            throws SQLException {
        Map<String, LinkedAlert> old = new HashMap<>();
        before.forEach(a -> old.put(a.fingerprint(), a));
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO incident_alerts (incident_number,"
                + " fingerprint, link_order, source_id, alertname, labels, summary, state, starts_at, last_seen_at,"
                + " resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement update = c.prepareStatement("UPDATE incident_alerts SET source_id = ?,"
                     + " alertname = ?, labels = ?, summary = ?, state = ?, starts_at = ?, last_seen_at = ?,"
                     + " resolved_at = ? WHERE incident_number = ? AND fingerprint = ?")) {
            for (int k = 0; k < after.size(); k++) {
                LinkedAlert a = after.get(k);
                LinkedAlert was = old.get(a.fingerprint());
                if (was == null) {
                    insert.setLong(1, n);
                    insert.setString(2, Columns.cut(a.fingerprint(), Columns.FINGERPRINT));
                    insert.setInt(3, k);
                    bindAlert(insert, 4, a);
                    insert.executeUpdate();
                } else if (!was.equals(a)) {
                    int next = bindAlert(update, 1, a);
                    update.setLong(next, n);
                    update.setString(next + 1, a.fingerprint());
                    update.executeUpdate();
                }
            }
        }
    }

    private static int bindAlert(PreparedStatement ps, int first, LinkedAlert a) throws SQLException {
        int k = first;
        Sql.setText(ps, k++, a.sourceId(), Columns.SOURCE_ID);
        Sql.setText(ps, k++, a.alertname(), Columns.ALERTNAME);
        ps.setString(k++, LabelsJson.write(a.labels()));
        Sql.setText(ps, k++, a.summary(), Columns.SUMMARY);
        ps.setString(k++, a.state().name());
        Sql.setMillis(ps, k++, a.startsAt());
        Sql.setMillis(ps, k++, a.lastSeenAt());
        Sql.setMillis(ps, k++, a.resolvedAt());
        return k;
    }

    private static void names(Connection c, String table, String column, long n, List<String> before,
                              List<String> after) throws SQLException {
        Set<String> old = new HashSet<>(before);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (incident_number, " + column
                + ", link_order) VALUES (?, ?, ?)")) {
            for (int k = 0; k < after.size(); k++) {
                if (!old.contains(after.get(k))) {
                    ps.setLong(1, n);
                    ps.setString(2, Columns.cut(after.get(k), Columns.HOST));
                    ps.setInt(3, k);
                    ps.executeUpdate();
                }
            }
        }
    }

    private static void steps(Connection c, long n, List<ChecklistStep> before, List<ChecklistStep> after)
            throws SQLException {
        Map<String, ChecklistStep> old = new HashMap<>();
        before.forEach(s -> old.put(s.key(), s));
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO incident_steps (incident_number, step_key,"
                + " step_order, runbook_id, runbook_title, phase, step_text, required, hint, done_at, done_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement update = c.prepareStatement("UPDATE incident_steps SET done_at = ?, done_by = ?"
                     + " WHERE incident_number = ? AND step_key = ?")) {
            for (int k = 0; k < after.size(); k++) {
                ChecklistStep s = after.get(k);
                ChecklistStep was = old.get(s.key());
                if (was == null) {
                    insert.setLong(1, n);
                    insert.setString(2, s.key());
                    insert.setInt(3, k);
                    Sql.setText(insert, 4, s.runbookId(), Columns.RUNBOOK_ID);
                    Sql.setText(insert, 5, s.runbookTitle(), Columns.RUNBOOK_TITLE);
                    insert.setString(6, s.phase().name());
                    Sql.setText(insert, 7, s.text(), Columns.STEP_TEXT);
                    insert.setBoolean(8, s.required());
                    Sql.setText(insert, 9, s.hint(), Columns.HINT);
                    Sql.setMillis(insert, 10, s.doneAt());
                    Sql.setText(insert, 11, s.doneBy(), Columns.USER);
                    insert.executeUpdate();
                } else if (!Objects.equals(was.doneAt(), s.doneAt()) || !Objects.equals(was.doneBy(), s.doneBy())) {
                    Sql.setMillis(update, 1, s.doneAt());
                    Sql.setText(update, 2, s.doneBy(), Columns.USER);
                    update.setLong(3, n);
                    update.setString(4, s.key());
                    update.executeUpdate();
                }
            }
        }
    }

    private static void timeline(Connection c, long n, long storedUpTo, List<TimelineEntry> after)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_timeline (incident_number, seq, at_ms,"
                + " kind, actor, entry_text, attachment_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (TimelineEntry e : after) {
                if (e.seq() <= storedUpTo) {
                    continue;
                }
                ps.setLong(1, n);
                ps.setLong(2, e.seq());
                Sql.setMillis(ps, 3, e.at());
                ps.setString(4, e.kind().name());
                Sql.setText(ps, 5, e.actor() == null ? "" : e.actor(), Columns.ACTOR);
                Sql.setText(ps, 6, e.text(), Columns.ENTRY_TEXT);
                if (e.attachmentId() == null) {
                    ps.setNull(7, Types.BIGINT);
                } else {
                    ps.setLong(7, e.attachmentId());
                }
                ps.executeUpdate();
            }
        }
    }

    private static void actionItems(Connection c, long n, List<ActionItem> items) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM incident_action_items WHERE incident_number = ?")) {
            delete.setLong(1, n);
            delete.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_action_items (incident_number,"
                + " item_order, item_text, owner_name, due_date) VALUES (?, ?, ?, ?, ?)")) {
            for (int k = 0; k < items.size(); k++) {
                ActionItem a = items.get(k);
                ps.setLong(1, n);
                ps.setInt(2, k);
                Sql.setText(ps, 3, a.text(), Columns.ACTION_TEXT);
                Sql.setText(ps, 4, a.owner(), Columns.USER);
                if (a.due() == null) {
                    ps.setNull(5, Types.DATE);
                } else {
                    ps.setObject(5, a.due());
                }
                ps.executeUpdate();
            }
        }
    }
}
