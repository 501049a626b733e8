package io.watchfloor.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Series keys ({@code "gpu-a1/gpu0|util_pct"}) and their small integer ids in the {@code series} table, which
 * keep the sample rows short. Ids are cached after the first lookup or insert; readers use the cache without
 * locks.
 */
final class SeriesRegistry {
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();

    /** Caches every id in the table (at open). */
    void load(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, series_key FROM series")) {
            while (rs.next()) {
                ids.put(rs.getString(2), rs.getInt(1));
            }
        }
    }

    int size() {
        return ids.size();
    }

    /** The cached id, or null when this key has not been seen (or was forgotten). */
    Integer cached(String key) {
        return ids.get(key);
    }

    /** The id from the cache, else from the table, else null. */
    Integer find(Connection c, String key) throws SQLException {
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM series WHERE series_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    /**
     * Creates the rows for {@code keys} and caches their ids. Writer only. The rows are committed in their own
     * transaction before the ids are cached, so a record() that is rolled back later never leaves an id in the
     * cache that the table does not have.
     */
    void create(Connection c, Set<String> keys) throws SQLException {
        Map<String, Integer> found = Jdbc.inTransaction(c, tx -> {
            Map<String, Integer> out = new HashMap<>();
            try (PreparedStatement sel = tx.prepareStatement("SELECT id FROM series WHERE series_key = ?");
                 PreparedStatement ins = tx.prepareStatement("INSERT INTO series (series_key) VALUES (?)",
                         Statement.RETURN_GENERATED_KEYS)) {
                for (String key : keys) {
                    sel.setString(1, key);
                    try (ResultSet rs = sel.executeQuery()) {
                        if (rs.next()) {
                            out.put(key, rs.getInt(1));
                            continue;
                        }
                    }
                    ins.setString(1, key);
                    ins.executeUpdate();
                    try (ResultSet rs = ins.getGeneratedKeys()) {
                        if (!rs.next()) {
                            throw new SQLException("no id generated for series " + key);
                        }
                        out.put(key, rs.getInt(1));
                    }
                }
            }
            return out;
        });
        ids.putAll(found);
    }

    /** Drops a deleted series from the cache (only if the key still maps to that id). */
    void forget(String key, int id) {
        ids.remove(key, id);
    }
}
