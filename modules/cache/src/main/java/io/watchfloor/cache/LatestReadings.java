package io.watchfloor.cache;

import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.TileKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code latest_reading} table: the last reading of every tile, so the wall shows it (with its real age)
 * right after a start. Upserts are UPDATE or INSERT (no vendor MERGE); which one is known from the tile ids
 * in the table, kept in memory, so a record() does not probe the table first.
 */
final class LatestReadings {
    private static final Logger log = LoggerFactory.getLogger(LatestReadings.class);

    private static final String COLUMNS = "tile_kind, host, gpu, gpu_uuid, mig_instance, model, source_id,"
            + " sampled_at, sampled_nanos, metrics, flags";
    /** Only replaces an older reading: a slow source must not overwrite a newer one. */
    private static final String SQL_UPDATE = "UPDATE latest_reading SET tile_kind = ?, host = ?, gpu = ?,"
            + " gpu_uuid = ?, mig_instance = ?, model = ?, source_id = ?, sampled_at = ?, sampled_nanos = ?,"
            + " metrics = ?, flags = ? WHERE tile_id = ?"
            + " AND (sampled_at < ? OR (sampled_at = ? AND sampled_nanos <= ?))";
    private static final String SQL_INSERT = "INSERT INTO latest_reading (" + COLUMNS
            + ", tile_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Tile ids present in the table; guarded by the write lock. */
    private final Set<String> knownTiles = new HashSet<>();

    /** Whether every field fits its column (V1__telemetry_cache.sql); a reading that does not is not cached. */
    static boolean fits(Reading r) {
        TileKey k = r.key();
        return r.tileId().length() <= 1000 && k.host().length() <= 512 && len(k.gpu()) <= 64
                && len(k.uuid()) <= 128 && len(k.migInstance()) <= 64 && len(r.model()) <= 512
                && r.sourceId().length() <= 512;
    }

    private static int len(String s) {
        return s == null ? 0 : s.length();
    }

    void load(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT tile_id FROM latest_reading")) {
            while (rs.next()) {
                knownTiles.add(rs.getString(1));
            }
        }
    }

    /**
     * Writes the newest reading per tile inside the caller's transaction. Returns the tiles inserted, for
     * {@link #committed} once the transaction has committed (a rollback must not leave them marked known).
     */
    List<String> upsert(Connection c, Collection<Reading> newestPerTile) throws SQLException {
        List<String> inserted = new ArrayList<>();
        try (PreparedStatement upd = c.prepareStatement(SQL_UPDATE);
             PreparedStatement ins = c.prepareStatement(SQL_INSERT)) {
            for (Reading r : newestPerTile) {
                long ms = r.sampledAt().toEpochMilli();
                int nanos = r.sampledAt().getNano() % 1_000_000;
                PreparedStatement ps = knownTiles.contains(r.tileId()) ? upd : ins;
                TileKey k = r.key();
                ps.setString(1, k.kind().name());
                ps.setString(2, k.host());
                Jdbc.setNullable(ps, 3, k.gpu());
                Jdbc.setNullable(ps, 4, k.uuid());
                Jdbc.setNullable(ps, 5, k.migInstance());
                Jdbc.setNullable(ps, 6, r.model());
                ps.setString(7, r.sourceId());
                ps.setLong(8, ms);
                ps.setInt(9, nanos);
                ps.setString(10, ReadingCodec.encodeMetrics(r.metrics()));
                ps.setString(11, ReadingCodec.encodeFlags(r.flags()));
                ps.setString(12, r.tileId());
                if (ps == upd) {
                    upd.setLong(13, ms);
                    upd.setLong(14, ms);
                    upd.setInt(15, nanos);
                } else {
                    inserted.add(r.tileId());
                }
                ps.addBatch();
            }
            if (inserted.size() < newestPerTile.size()) {
                upd.executeBatch();
            }
            if (!inserted.isEmpty()) {
                ins.executeBatch();
            }
        }
        return inserted;
    }

    void committed(List<String> inserted) {
        knownTiles.addAll(inserted);
    }

    List<Reading> read(Connection c) throws SQLException {
        List<Reading> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + ", tile_id FROM latest_reading ORDER BY tile_id")) {
            while (rs.next()) {
                String tileId = rs.getString(12);
                try {
                    TileKey key = new TileKey(TileKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5));
                    Instant at = Instant.ofEpochMilli(rs.getLong(8)).plusNanos(rs.getInt(9));
                    out.add(new Reading(key, rs.getString(6), rs.getString(7), at,
                            ReadingCodec.decodeMetrics(rs.getString(10),
                                    u -> log.debug("Ignoring unknown cached metric {} of {}", u, tileId)),
                            ReadingCodec.decodeFlags(rs.getString(11),
                                    u -> log.debug("Ignoring unknown cached flag {} of {}", u, tileId))));
                } catch (RuntimeException e) {
                    log.warn("Skipping an unreadable cached reading of tile {}: {}", tileId, e.toString());
                }
            }
        }
        return out;
    }

    /** Deletes the readings sampled before {@code before} (tiles gone from the fleet). Writer only. */
    void forgetOlderThan(Connection c, long before) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tile_id FROM latest_reading WHERE sampled_at < ?")) {
            ps.setLong(1, before);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stale.add(rs.getString(1));
                }
            }
        }
        if (stale.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM latest_reading WHERE sampled_at < ?")) {
            ps.setLong(1, before);
            ps.executeUpdate();
        }
        stale.forEach(knownTiles::remove);
    }
}
