package io.watchfloor.incidents.store;

import io.watchfloor.cache.SharedDatabase;
import io.watchfloor.incidents.Incident;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Incidents in the cache's database (tables of V1__incidents.sql). Writes take the caller's connection, so that
 * one command is one transaction however many incidents and tables it touches (the caller runs it through
 * {@link SharedDatabase#durable}); reads open their own.
 */
public final class IncidentStore {
    public static final String MIGRATIONS = "classpath:db/migration/incidents";
    public static final String HISTORY_TABLE = "incidents_schema_history";

    private final SharedDatabase db;

    private IncidentStore(SharedDatabase db) {
        this.db = db;
    }

    /**
     * Brings the incident tables up to date and returns the store.
     *
     * @throws io.watchfloor.cache.CacheOpenException when a migration fails
     */
    public static IncidentStore open(SharedDatabase db) {
        db.migrate(MIGRATIONS, HISTORY_TABLE, IncidentStore.class.getClassLoader());
        return new IncidentStore(db);
    }

    public SharedDatabase database() {
        return db;
    }

    /** Open incidents, and those resolved or closed at or after {@code since}, by number. */
    public List<Incident> openOrSince(Instant since) throws SQLException {
        return db.read(c -> IncidentReader.openOrSince(c, since));
    }

    public Optional<Incident> find(long number) throws SQLException {
        return db.read(c -> Optional.ofNullable(IncidentReader.one(c, number)));
    }

    /** Reads an incident inside the caller's transaction. */
    public Optional<Incident> find(Connection c, long number) throws SQLException {
        return Optional.ofNullable(IncidentReader.one(c, number));
    }

    /** The highest incident number so far (0 when none): the next is one more, taken inside the same transaction. */
    public long maxNumber(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(number), 0) FROM incidents")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Writes {@code after}; {@code before} is the version stored so far (null for a new incident, whose number
     * must be set already). Only what differs is written.
     */
    public void save(Connection c, Incident before, Incident after) throws SQLException {
        if (before != null && before.number() != after.number()) {
            throw new IllegalArgumentException(before.id() + " cannot be saved as " + after.id());
        }
        IncidentWriter.save(c, before, after);
    }

    /** Stores a file of {@code number}'s and returns its id, for a timeline entry in the same transaction. */
    public long insertAttachment(Connection c, long number, String mediaType, byte[] content) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_attachments (incident_number,"
                + " media_type, byte_count, content) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, number);
            ps.setString(2, Columns.cut(mediaType, Columns.MEDIA_TYPE));
            ps.setInt(3, content.length);
            ps.setBinaryStream(4, new ByteArrayInputStream(content), content.length);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new attachment");
                }
                return keys.getLong(1);
            }
        }
    }

    public Optional<byte[]> attachment(long id) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT content FROM incident_attachments WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /** The labels as they will be stored (cut to fit the column), so memory and file agree. */
    public static Map<String, String> storable(Map<String, String> labels) {
        return LabelsJson.read(LabelsJson.write(labels));
    }
}
