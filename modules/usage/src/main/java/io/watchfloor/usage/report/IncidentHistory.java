package io.watchfloor.usage.report;

import io.watchfloor.cache.SharedDatabase;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.store.IncidentStore;
import io.watchfloor.incidents.store.IncidentsTouching;
import io.watchfloor.cache.CacheException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The incidents a report mentions. May block on I/O. */
public interface IncidentHistory {

    /**
     * Incidents linked to any of {@code endpointIds} that were open at some point of [from, to): detected before
     * {@code to} and not resolved at or before {@code from}. Unresolved incidents count as open until now, which
     * the caller checks against its clock.
     */
    List<Incident> touching(Collection<String> endpointIds, Instant from, Instant to);

    /** No incidents (a console without the incident desk). */
    IncidentHistory NONE = (endpointIds, from, to) -> List.of();

    /** The incident tables in the cache's database (brought up to date first, as the incident desk does). */
    static IncidentHistory of(SharedDatabase db) {
        IncidentStore store = IncidentStore.open(db);
        return (endpointIds, from, to) -> {
            try {
                return IncidentsTouching.read(store, endpointIds, from, to);
            } catch (SQLException e) {
                throw new CacheException("cannot read the incidents for the report from the cache: "
                        + e.getMessage(), e);
            }
        };
    }
}
