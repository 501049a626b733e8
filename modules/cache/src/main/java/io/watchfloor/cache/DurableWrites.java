package io.watchfloor.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;

/**
 * What {@link SharedDatabase#durable} does beyond a CHECKPOINT so that a transaction it returned from survives
 * kill -9. The incidents crash test (issue 4) lost acknowledged transactions with CHECKPOINT alone, for two
 * reasons in H2 2.5's MVStore (read in its sources, then reproduced):
 * <ol>
 *   <li>CHECKPOINT does not write when another store began meanwhile or already took the changes (H2's
 *       background writer, or a writer over its memory limit), and that store may still be queued in H2's
 *       serialization and write threads: CHECKPOINT returns before the bytes reach the file.
 *       {@link #awaitWritten} waits until those queues are empty.</li>
 *   <li>After a crash, H2 finds the newest chunk through the store header and each chunk's guess of where the
 *       next one goes, or as the last chunk of the file. When a chunk lands elsewhere in reused space, H2
 *       rewrites the header, but pointing at the chunk before it, so recovery stops there and that chunk and
 *       up to about 20 after it are lost (seen: the last 8 to 21 acknowledged transactions). Therefore the
 *       chunks of a durable transaction are written while space reuse is off ({@link #appendOnly}): such a
 *       chunk guesses "no next", so whatever chunk comes after it either rewrites the header pointing at it
 *       or is the last chunk of the file. {@link #seal} makes sure one comes after it before durable()
 *       returns.</li>
 * </ol>
 * All of this applies to the embedded H2 file only; other databases make a commit durable by themselves.
 */
final class DurableWrites {
    private int inFlight; // durable transactions under way; guarded by this

    /** The embedded H2 file store behind {@code c}, or null (an in-memory or remote database). */
    static MVStore mvStore(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        Session session = c.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof SessionLocal local)) {
            return null;
        }
        Store store = local.getDatabase().getStore();
        MVStore mv = store == null ? null : store.getMvStore();
        return mv != null && mv.isPersistent() ? mv : null;
    }

    /** Until the matching {@link #reuseAgain}, new chunks go after the last used block of the file. */
    synchronized void appendOnly(MVStore store) {
        if (store != null && inFlight++ == 0) {
            store.setReuseSpace(false);
        }
    }

    synchronized void reuseAgain(MVStore store) {
        if (store != null && --inFlight == 0) {
            store.setReuseSpace(true);
        }
    }

    /** Returns once every store H2 has begun so far is written to the file. */
    static void awaitWritten(MVStore store) {
        if (store != null) {
            // a no-op run under H2's store lock once its serialization and write queues are empty
            store.executeFilestoreOperation(() -> {
            });
        }
    }

    /**
     * Writes one more chunk after the ones holding a durable transaction (a change to durable_marker,
     * V3__durable_marker.sql) and waits until it is in the file.
     */
    static void seal(Connection c, MVStore store) throws SQLException {
        if (store == null) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE durable_marker SET seals = seals + 1 WHERE id = 1");
            st.execute("CHECKPOINT");
        }
        awaitWritten(store);
    }
}
