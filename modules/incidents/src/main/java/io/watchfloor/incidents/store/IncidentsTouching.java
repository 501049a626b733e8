package io.watchfloor.incidents.store;

import io.watchfloor.incidents.Incident;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Incidents linked to any of some endpoints that were open at some point of [from, to), for usage reports. Kept
 * beside {@link IncidentReader} so the incident tables' layout stays known to this package only.
 */
public final class IncidentsTouching {
    private IncidentsTouching() {
    }

    /**
     * Detected before {@code to} and not resolved at or before {@code from} (unresolved ones count as still open),
     * linked to at least one of {@code endpointIds}; by number. Reads on the store's own connection.
     */
    public static List<Incident> read(IncidentStore store, Collection<String> endpointIds, Instant from, Instant to)
            throws SQLException {
        if (endpointIds.isEmpty() || !to.isAfter(from)) {
            return List.of();
        }
        return store.database().read(c -> read(c, List.copyOf(endpointIds), from, to));
    }

    private static List<Incident> read(Connection c, List<String> endpointIds, Instant from, Instant to)
            throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(endpointIds.size(), "?"));
        List<Long> numbers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT i.number FROM incidents i"
                + " JOIN incident_endpoints e ON e.incident_number = i.number"
                + " WHERE e.endpoint IN (" + marks + ") AND i.detected_at < ?"
                + " AND (i.resolved_at IS NULL OR i.resolved_at > ?) ORDER BY i.number")) {
            int i = 1;
            for (String id : endpointIds) {
                ps.setString(i++, id);
            }
            ps.setLong(i++, to.toEpochMilli());
            ps.setLong(i, from.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    numbers.add(rs.getLong(1));
                }
            }
        }
        List<Incident> out = new ArrayList<>(numbers.size());
        for (long n : numbers) {
            Incident found = IncidentReader.one(c, n);
            if (found != null) {
                out.add(found);
            }
        }
        return out;
    }
}
