package io.watchfloor.incidents;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Takes incident events inside the transaction that made them (the outbox pattern): if the action commits, so
 * does what the sink wrote; if it rolls back, neither exists. A sink must be quick and must not do I/O beyond
 * the given connection; it hands slow work (HTTP) to its own thread after commit.
 */
public interface IncidentEventSink {
    void record(Connection c, IncidentEvent event) throws SQLException;

    /** Called after the transaction committed, on the incidents thread; must not block. */
    default void committed(IncidentEvent event) {
    }
}
