package io.watchfloor.incidents;

import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.incidents.runbook.Runbooks;
import io.watchfloor.model.incident.Alert;
import io.watchfloor.model.incident.AlertBatch;
import io.watchfloor.model.incident.AlertState;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A real incident desk for tests: the cache's H2 file in a temp directory, the service on it, a clock moved by
 * hand. {@link #restart()} closes both and opens them again on the same directory.
 */
final class Desk implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");
    static final String AM = "am";

    final Path dir;
    final MutableClock clock = new MutableClock(T0);
    final Runbooks runbooks;
    final IncidentsConfig config;
    final List<IncidentEventSink> sinks;
    H2TelemetryStore cache;
    IncidentService service;

    Desk(Path dir, Runbooks runbooks, IncidentsConfig config, List<IncidentEventSink> sinks) {
        this.dir = dir;
        this.runbooks = runbooks;
        this.config = config;
        this.sinks = sinks;
        openAll();
    }

    Desk(Path dir) {
        this(dir, TestRunbooks.standard(), IncidentsConfig.DEFAULTS, List.of());
    }

    private void openAll() {
        cache = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null);
        service = IncidentService.open(cache.database(), config, runbooks, clock, sinks);
    }

    void restart() {
        close();
        openAll();
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        if (cache != null) {
            cache.close();
        }
        service = null;
        cache = null;
    }

    /** Waits for a command; an IncidentException comes out as itself. */
    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CompletionException(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("command did not finish", e);
        }
    }

    void ingest(Alert... alerts) {
        ingest(AM, alerts);
    }

    void ingest(String source, Alert... alerts) {
        await(service.ingest(new AlertBatch(source, clock.instant(), List.of(alerts))));
    }

    Incident only() {
        List<Incident> all = service.board().incidents();
        if (all.size() != 1) {
            throw new AssertionError("expected one incident on the board, found " + all.size() + ": "
                    + all.stream().map(Incident::id).toList());
        }
        return all.get(0);
    }

    Incident get(String id) {
        Incident i = service.board().find(id);
        if (i == null) {
            throw new AssertionError(id + " is not on the board");
        }
        return i;
    }

    long rows(String table) throws SQLException {
        return cache.database().read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    /** An alert as Alertmanager reports it: {@code labels} as name, value pairs; started {@code ago} before now. */
    Alert alert(String fingerprint, AlertState state, Duration ago, String... labels) {
        return alert(fingerprint, state, clock.instant().minus(ago), Map.of(), labels);
    }

    Alert alert(String fingerprint, AlertState state, Instant startsAt, Map<String, String> annotations,
                String... labels) {
        Map<String, String> l = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            l.put(labels[i], labels[i + 1]);
        }
        // Prometheus renews endsAt on every evaluation; 4 minutes ahead is what it sends by default
        return new Alert(fingerprint, l, annotations, state, startsAt, clock.instant().plus(Duration.ofMinutes(4)),
                "http://prometheus:9090/graph");
    }

    static List<TimelineKind> kinds(Incident i) {
        List<TimelineKind> out = new ArrayList<>();
        i.timeline().forEach(e -> out.add(e.kind()));
        return out;
    }
}
