package io.watchfloor.incidents.notify;

import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.cache.SharedDatabase;
import io.watchfloor.config.NotificationConfig;
import io.watchfloor.incidents.IncidentEvent;
import io.watchfloor.model.incident.Severity;
import java.net.URI;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real cache file with the incidents migrations, a hand-moved clock, and a dispatcher whose outbox is fed the
 * way the incident service feeds it: inside a durable transaction, then committed().
 */
final class NotifyHarness implements AutoCloseable {
    static final String SLACK_PATH = "/services/T0ABCDEF1/B0GHIJKL2/xoxSeCrEtWeBhOoKtOkEn42";
    static final String TEAMS_PATH = "/workflows/4f1c0d7a9b2e/triggers/manual/paths/invoke?sig=TeamsSiGnAtUrE0123456789";
    static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";

    final FakeClock clock = new FakeClock(IncidentFixture.T0.plusSeconds(5));
    final StatusRecorder statuses = new StatusRecorder();
    private final Path dir;
    private H2TelemetryStore store;
    SharedDatabase db;
    NotificationDispatcher dispatcher;

    NotifyHarness(Path dir) {
        this.dir = dir;
        openStore();
    }

    private void openStore() {
        store = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, clock);
        db = store.database();
        db.migrate("classpath:db/migration/incidents", "incidents_schema_history", getClass().getClassLoader());
    }

    /** A dispatcher for these channels (not started), with a 3 s timeout and the longest backoff. */
    NotificationDispatcher dispatcher(NotificationConfig... channels) {
        return dispatcher(Duration.ofSeconds(3), channels);
    }

    NotificationDispatcher dispatcher(Duration timeout, NotificationConfig... channels) {
        dispatcher = new NotificationDispatcher(db, List.of(channels), clock, timeout, () -> 0.0);
        return dispatcher;
    }

    NotificationDispatcher start(NotificationConfig... channels) {
        dispatcher(channels).start(statuses);
        return dispatcher;
    }

    /** What the incident service does with an action's events: record in its transaction, then committed(). */
    void commit(IncidentEvent... events) throws SQLException {
        db.durable(c -> {
            for (IncidentEvent e : events) {
                dispatcher.outbox().record(c, e);
            }
            return null;
        });
        for (IncidentEvent e : events) {
            dispatcher.outbox().committed(e);
        }
    }

    /** Closes dispatcher and store as the app does on exit, and opens the store again (a restart). */
    void restart() {
        dispatcher.close();
        store.close();
        openStore();
    }

    /** Moves the clock and lets the dispatcher see it; returns once it has looked. */
    void advance(Duration d) throws Exception {
        clock.advance(d);
        dispatcher.afterPass().get();
    }

    /** The outbox rows, oldest first, as column name to value. */
    List<Map<String, Object>> rows() throws SQLException {
        return db.read(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM notification_outbox ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        store.close();
    }

    static NotificationConfig slack(String id, URI url) {
        return new NotificationConfig(id, NotificationConfig.Kind.SLACK, url, true, null,
                EnumSet.allOf(NotificationConfig.Event.class), Severity.P4);
    }

    static NotificationConfig teams(String id, URI url) {
        return new NotificationConfig(id, NotificationConfig.Kind.TEAMS, url, true, null,
                EnumSet.allOf(NotificationConfig.Event.class), Severity.P4);
    }

    static NotificationConfig pagerDuty(String id, URI url) {
        return new NotificationConfig(id, NotificationConfig.Kind.PAGERDUTY, url, false,
                new io.watchfloor.config.Secret(ROUTING_KEY), EnumSet.allOf(NotificationConfig.Event.class), Severity.P4);
    }

    static NotificationConfig filtered(NotificationConfig c, Set<NotificationConfig.Event> events, Severity min) {
        return new NotificationConfig(c.id(), c.kind(), c.url(), c.secretUrl(), c.routingKey(), events, min);
    }
}
