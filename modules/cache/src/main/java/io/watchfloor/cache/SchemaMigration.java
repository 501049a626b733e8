package io.watchfloor.cache;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * Brings the schema up to date with Flyway. The migrations live in their own folder with their own history
 * table, so migrations of other modules (incidents, audit) in the same database cannot collide with ours.
 */
final class SchemaMigration {
    static final String LOCATION = "classpath:db/migration/cache";
    static final String HISTORY_TABLE = "cache_schema_history";

    private SchemaMigration() {
    }

    /** @throws CacheOpenException SCHEMA, naming the file, when a migration fails */
    static void migrate(DataSource dataSource, Path dbFile) {
        try {
            Flyway.configure(SchemaMigration.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .table(HISTORY_TABLE)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new CacheOpenException(CacheOpenException.Reason.SCHEMA, dbFile,
                    "cannot bring the cache schema in " + dbFile + " up to date: " + e.getMessage(), e);
        }
    }
}
