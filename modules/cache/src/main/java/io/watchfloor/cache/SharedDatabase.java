package io.watchfloor.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The cache's database, lent to other modules (incidents, audit) for their own tables. Each module brings its own
 * Flyway migrations in its own folder with its own history table, so nobody's versions collide with the cache's.
 *
 * <p>Durability differs from the telemetry's on purpose. Telemetry commits may sit in memory for up to
 * {@link CacheDatabase#WRITE_DELAY_MS} (a kill -9 loses a few seconds of samples, which the next poll brings back).
 * What a person did (an acknowledgement, a checklist step) cannot be polled again, so {@link #durable} forces the
 * committed change into the file before it returns: once the caller tells the user "done", a killed process
 * keeps it.
 */
public final class SharedDatabase {
    /** Work on a connection that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private final CacheDatabase db;
    private final java.nio.file.Path dbFile;
    private final DurableWrites durableWrites = new DurableWrites();

    SharedDatabase(CacheDatabase db, java.nio.file.Path dbFile) {
        this.db = db;
        this.dbFile = dbFile;
    }

    /**
     * Brings a module's tables up to date.
     *
     * @param location     e.g. "classpath:db/migration/incidents"
     * @param historyTable e.g. "incidents_schema_history"
     * @throws CacheOpenException SCHEMA when a migration fails
     */
    public void migrate(String location, String historyTable, ClassLoader loader) {
        try {
            Flyway.configure(loader)
                    .dataSource(db.migrationDataSource())
                    .locations(location)
                    .table(historyTable)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new CacheOpenException(CacheOpenException.Reason.SCHEMA, dbFile,
                    "cannot bring the tables of " + location + " in " + dbFile + " up to date: " + e.getMessage(), e);
        }
    }

    /** Reads on a pooled connection (auto-commit). Never waits for the telemetry writer. */
    public <T> T read(Work<T> work) throws SQLException {
        return db.read(work::apply);
    }

    /**
     * Runs {@code work} as one transaction and, once it has committed, writes it into the file (H2 CHECKPOINT)
     * before returning. Costs one file write of the pages changed since the last save (a few hundred KB at most);
     * meant for things people do, not for telemetry. On the embedded file it also keeps H2 from reusing space
     * meanwhile, waits for H2's background writes and writes one more small chunk: {@link DurableWrites} says why.
     */
    public <T> T durable(Work<T> work) throws SQLException {
        return db.read(c -> {
            org.h2.mvstore.MVStore store = DurableWrites.mvStore(c);
            durableWrites.appendOnly(store);
            try {
                T result = Jdbc.inTransaction(c, work::apply);
                try (Statement st = c.createStatement()) {
                    st.execute("CHECKPOINT");
                }
                // CHECKPOINT alone is not enough for H2 to find it after kill -9 (see DurableWrites)
                DurableWrites.awaitWritten(store);
                DurableWrites.seal(c, store);
                return result;
            } finally {
                durableWrites.reuseAgain(store);
            }
        });
    }

    public java.nio.file.Path file() {
        return dbFile;
    }
}
