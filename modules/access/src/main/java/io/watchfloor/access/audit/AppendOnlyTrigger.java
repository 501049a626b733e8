package io.watchfloor.access.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * Refuses UPDATE and DELETE on the audit tables: a guard against accidents (a careless script, a migration). Anyone
 * with the file can drop it; the hash chain is what detects tampering.
 */
public final class AppendOnlyTrigger implements Trigger {
    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                     int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("the audit log is append-only: " + table + " rows cannot be changed or deleted");
    }
}
