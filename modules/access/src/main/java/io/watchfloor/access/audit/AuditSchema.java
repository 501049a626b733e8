package io.watchfloor.access.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Tables of the audit database and the SQL that reads and writes them. */
final class AuditSchema {
    private AuditSchema() {
    }

    static Void ensure(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE IF NOT EXISTS audit_record (
                      seq BIGINT PRIMARY KEY,
                      at_ms BIGINT NOT NULL,
                      event VARCHAR(64) NOT NULL,
                      os_user VARCHAR(512) NOT NULL,
                      machine VARCHAR(512) NOT NULL,
                      host_id VARCHAR(512),
                      request_id VARCHAR(128),
                      reason VARCHAR(4096),
                      details CHARACTER LARGE OBJECT NOT NULL,
                      prev_hash CHAR(64) NOT NULL,
                      hash CHAR(64) NOT NULL)""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS audit_recording (
                      request_id VARCHAR(128) PRIMARY KEY,
                      sha256 CHAR(64) NOT NULL,
                      stored_ms BIGINT NOT NULL,
                      sealed BINARY LARGE OBJECT NOT NULL)""");
            for (String table : new String[] {"audit_record", "audit_recording"}) {
                st.execute("CREATE TRIGGER IF NOT EXISTS " + table + "_append_only BEFORE UPDATE, DELETE ON " + table
                        + " FOR EACH ROW CALL '" + AppendOnlyTrigger.class.getName() + "'");
            }
        }
        return null;
    }

    static void insert(Connection c, AuditRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_record (seq, at_ms, event, os_user, machine,"
                + " host_id, request_id, reason, details, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            AuditEntry e = r.entry();
            ps.setLong(1, r.seq());
            ps.setLong(2, r.at().toEpochMilli());
            ps.setString(3, e.event().wireName());
            ps.setString(4, e.user());
            ps.setString(5, e.machine());
            nullable(ps, 6, e.hostId());
            nullable(ps, 7, e.requestId());
            nullable(ps, 8, e.reason());
            ps.setString(9, AuditJson.detailsJson(e.details()));
            ps.setString(10, r.prevHash());
            ps.setString(11, r.hash());
            ps.executeUpdate();
        }
    }

    static List<StoredRow> readRows(Connection c) throws SQLException {
        List<StoredRow> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, at_ms, event, os_user, machine, host_id, request_id, reason,"
                     + " details, prev_hash, hash FROM audit_record ORDER BY seq")) {
            while (rs.next()) {
                rows.add(new StoredRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11)));
            }
        }
        return rows;
    }

    static List<AuditRecord> readAll(Connection c) throws SQLException {
        List<AuditRecord> out = new ArrayList<>();
        for (StoredRow row : readRows(c)) {
            try {
                out.add(row.toRecord());
            } catch (IllegalArgumentException e) {
                throw new AuditException("audit record " + row.seq() + " is unreadable (" + e.getMessage()
                        + "); run `watchfloor audit verify`", e);
            }
        }
        return out;
    }

    static void insertRecording(Connection c, String requestId, String sha, byte[] sealed, long nowMillis)
            throws SQLException {
        try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM audit_recording WHERE request_id = ?")) {
            check.setString(1, requestId);
            try (ResultSet rs = check.executeQuery()) {
                if (rs.next()) {
                    throw new AuditException("request " + requestId + " already has a recording; recordings are "
                            + "never replaced");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_recording (request_id, sha256, stored_ms, sealed) VALUES (?,?,?,?)")) {
            ps.setString(1, requestId);
            ps.setString(2, sha);
            ps.setLong(3, nowMillis);
            ps.setBytes(4, sealed);
            ps.executeUpdate();
        }
    }

    static byte[] recording(Connection c, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sealed FROM audit_recording WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    private static void nullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
