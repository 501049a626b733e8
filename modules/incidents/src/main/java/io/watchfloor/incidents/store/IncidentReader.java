package io.watchfloor.incidents.store;

import io.watchfloor.incidents.ActionItem;
import io.watchfloor.incidents.ChecklistStep;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.LinkedAlert;
import io.watchfloor.incidents.Postmortem;
import io.watchfloor.incidents.TimelineEntry;
import io.watchfloor.incidents.TimelineKind;
import io.watchfloor.model.incident.AlertState;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Phase;
import io.watchfloor.model.incident.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads incidents, with everything that belongs to them, back into records. */
final class IncidentReader {
    private static final String INCIDENT_COLUMNS = "number, uid, title, severity, severity_pinned, status, group_key,"
            + " lead_name, detected_at, opened_at, ack_deadline, acknowledged_at, acknowledged_by, mitigated_at,"
            + " resolved_at, closed_at, response_breached_at, resolve_override, pm_summary, pm_factors,"
            + " pm_root_cause, pm_resolution";

    private IncidentReader() {
    }

    static Incident one(Connection c, long number) throws SQLException {
        List<Incident> found = query(c, "SELECT " + INCIDENT_COLUMNS + " FROM incidents WHERE number = ?", number);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Open incidents, and those resolved or closed at or after {@code since}. */
    static List<Incident> openOrSince(Connection c, Instant since) throws SQLException {
        long t = since.toEpochMilli();
        return query(c, "SELECT " + INCIDENT_COLUMNS + " FROM incidents WHERE status IN ('triage', 'investigating',"
                + " 'mitigated') OR resolved_at >= ? OR closed_at >= ? ORDER BY number", t, t);
    }

    private static List<Incident> query(Connection c, String sql, Object... args) throws SQLException {
        List<Incident> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(incident(c, rs));
                }
            }
        }
        return out;
    }

    private static Incident incident(Connection c, ResultSet rs) throws SQLException {
        long n = rs.getLong("number");
        Postmortem pm = new Postmortem(rs.getString("pm_summary"), rs.getString("pm_factors"),
                rs.getString("pm_root_cause"), rs.getString("pm_resolution"), actionItems(c, n));
        return new Incident(n, rs.getString("uid"), rs.getString("title"), Severity.valueOf(rs.getString("severity")),
                rs.getBoolean("severity_pinned"), IncidentStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getString("group_key"), rs.getString("lead_name"), Sql.millis(rs, "detected_at"),
                Sql.millis(rs, "opened_at"), Sql.millis(rs, "ack_deadline"), Sql.millis(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"), Sql.millis(rs, "mitigated_at"), Sql.millis(rs, "resolved_at"),
                Sql.millis(rs, "closed_at"), Sql.millis(rs, "response_breached_at"), rs.getString("resolve_override"),
                alerts(c, n), names(c, "incident_hosts", "host", n), names(c, "incident_endpoints", "endpoint", n),
                steps(c, n), timeline(c, n), pm);
    }

    private static List<LinkedAlert> alerts(Connection c, long n) throws SQLException {
        List<LinkedAlert> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT fingerprint, source_id, alertname, labels, summary,"
                + " state, starts_at, last_seen_at, resolved_at FROM incident_alerts WHERE incident_number = ?"
                + " ORDER BY link_order")) {
            ps.setLong(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LinkedAlert(rs.getString("fingerprint"), rs.getString("source_id"),
                            rs.getString("alertname"), LabelsJson.read(rs.getString("labels")),
                            rs.getString("summary"), AlertState.valueOf(rs.getString("state")),
                            Sql.millis(rs, "starts_at"), Sql.millis(rs, "last_seen_at"),
                            Sql.millis(rs, "resolved_at")));
                }
            }
        }
        return out;
    }

    private static List<String> names(Connection c, String table, String column, long n) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM " + table
                + " WHERE incident_number = ? ORDER BY link_order")) {
            ps.setLong(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static List<ChecklistStep> steps(Connection c, long n) throws SQLException {
        List<ChecklistStep> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT step_key, runbook_id, runbook_title, phase, step_text,"
                + " required, hint, done_at, done_by FROM incident_steps WHERE incident_number = ? ORDER BY step_order")) {
            ps.setLong(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ChecklistStep(rs.getString("step_key"), rs.getString("runbook_id"),
                            rs.getString("runbook_title"), Phase.valueOf(rs.getString("phase")),
                            rs.getString("step_text"), rs.getBoolean("required"), rs.getString("hint"),
                            Sql.millis(rs, "done_at"), rs.getString("done_by")));
                }
            }
        }
        return out;
    }

    private static List<TimelineEntry> timeline(Connection c, long n) throws SQLException {
        List<TimelineEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, at_ms, kind, actor, entry_text, attachment_id"
                + " FROM incident_timeline WHERE incident_number = ? ORDER BY seq")) {
            ps.setLong(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long attachment = rs.getLong("attachment_id");
                    Long attachmentId = rs.wasNull() ? null : attachment;
                    out.add(new TimelineEntry(rs.getLong("seq"), Sql.millis(rs, "at_ms"),
                            TimelineKind.valueOf(rs.getString("kind")), rs.getString("actor"),
                            rs.getString("entry_text"), attachmentId));
                }
            }
        }
        return out;
    }

    private static List<ActionItem> actionItems(Connection c, long n) throws SQLException {
        List<ActionItem> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT item_text, owner_name, due_date"
                + " FROM incident_action_items WHERE incident_number = ? ORDER BY item_order")) {
            ps.setLong(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ActionItem(rs.getString("item_text"), rs.getString("owner_name"),
                            rs.getObject("due_date", LocalDate.class)));
                }
            }
        }
        return out;
    }
}
