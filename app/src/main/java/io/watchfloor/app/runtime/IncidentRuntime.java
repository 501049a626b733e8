package io.watchfloor.app.runtime;

import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.SharedDatabase;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.incidents.IncidentService;
import io.watchfloor.incidents.Incidents;
import io.watchfloor.incidents.notify.NotificationDispatcher;
import io.watchfloor.incidents.postmortem.PostmortemWriter;
import io.watchfloor.incidents.runbook.RunbookLibrary;
import io.watchfloor.model.incident.AlertBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident side of a running console: the desk (IncidentService) on the cache's database, the runbooks it
 * draws checklists from, and the notification dispatcher whose outbox rows the desk writes in its transactions.
 * The console and the `watchfloor incident` commands both open one.
 */
public final class IncidentRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentRuntime.class);

    private final IncidentService desk;
    private final NotificationDispatcher notifications;
    private final List<io.watchfloor.model.endpoint.MaintenanceWindow> maintenance;
    private volatile CompletableFuture<Void> lastIngest = CompletableFuture.completedFuture(null);

    private IncidentRuntime(IncidentService desk, NotificationDispatcher notifications, WatchfloorConfig config) {
        this.desk = desk;
        this.notifications = notifications;
        this.maintenance = config.maintenance();
    }

    /** Migrates the incident tables and loads the board; runbook files with problems are skipped and listed. */
    public static IncidentRuntime open(WatchfloorConfig config, H2TelemetryStore store, Clock clock) {
        return open(config, store.database(), clock);
    }

    public static IncidentRuntime open(WatchfloorConfig config, SharedDatabase db, Clock clock) {
        RunbookLibrary runbooks = RunbookLibrary.forConfig(config.incidents().runbooks());
        runbooks.problems().forEach(p -> LOG.warn("runbook skipped: {}", p));
        NotificationDispatcher notifications = new NotificationDispatcher(db, config.notifications(), clock);
        IncidentService desk = IncidentService.open(db, config.incidents(), runbooks, clock,
                List.of(notifications.outbox()));
        return new IncidentRuntime(desk, notifications, config);
    }

    /** Response timers and notification delivery (the console; a CLI command only sends what it made). */
    public void start() {
        desk.start();
        notifications.start(desk::deliveriesChanged);
    }

    /** Takes an alert source's batch (engine's alerts thread); never blocks. */
    public void ingest(AlertBatch batch) {
        lastIngest = desk.ingest(batch);
    }

    /** Waits until every batch handed in so far has been taken (or failed, which the board shows). */
    public boolean settle(Duration max) {
        try {
            lastIngest.get(max.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return true; // taken, and refused: the desk's board carries the problem
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends what is in the outbox and waits for it (at most {@code max}); for commands that exit right after. */
    public boolean sendPending(Duration max) {
        notifications.start(desk::deliveriesChanged);
        try {
            return notifications.awaitSent(max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Incidents desk() {
        return desk;
    }

    /** A postmortem writer reading SLA minutes from the ledger, maintenance from the config. */
    public PostmortemWriter postmortems(io.watchfloor.model.endpoint.AvailabilityHistory ledger) {
        return new PostmortemWriter(ledger, maintenance);
    }

    /** Stops notifications first (their rows stay in the outbox), then the desk; the store stays open. */
    @Override
    public void close() {
        try {
            notifications.close();
        } finally {
            desk.close();
        }
    }
}
