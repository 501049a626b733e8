package io.watchfloor.app.runtime;

import io.watchfloor.cache.CacheLockedException;
import io.watchfloor.cache.CacheOpenException;
import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.incidents.Incidents;
import io.watchfloor.incidents.postmortem.PostmortemWriter;
import io.watchfloor.model.endpoint.AvailabilityHistory;
import io.watchfloor.model.endpoint.MaintenanceWindow;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident desk for a command that runs without the console (`watchfloor incident ...`): the cache in the data
 * directory, the incidents kept in it, and what a postmortem needs besides (the availability ledger and the
 * configured maintenance windows). Nothing is polled. One process holds a data directory at a time, so while the
 * console runs, {@link #open} fails with {@link DeskUnavailableException#locked()}.
 */
public final class IncidentDesk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentDesk.class);
    /** How long a command waits for its notifications before it exits. */
    private static final java.time.Duration NOTIFY_WAIT = java.time.Duration.ofSeconds(5);

    private final Incidents incidents;
    private final AvailabilityHistory ledger;
    private final List<MaintenanceWindow> maintenance;
    private final Clock clock;
    private final Runnable release;

    /**
     * @param ledger  the availability history for SLA minutes (the cache), or null for none
     * @param release closes what the desk was opened on (the cache), after the incidents
     */
    public IncidentDesk(Incidents incidents, AvailabilityHistory ledger, List<MaintenanceWindow> maintenance,
                        Clock clock, Runnable release) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.ledger = ledger;
        this.maintenance = List.copyOf(maintenance);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.release = Objects.requireNonNull(release, "release");
    }

    /**
     * Opens the cache in {@code dataDir} and the incidents in it.
     *
     * @throws DeskUnavailableException the directory is held by a running console ({@link
     *                                  DeskUnavailableException#locked()}), or the cache cannot be opened (wrong
     *                                  key, damaged file, schema); the message says which, for the operator
     */
    public static IncidentDesk open(WatchfloorConfig config, Path dataDir, Map<String, String> env, Clock clock)
            throws DeskUnavailableException {
        H2TelemetryStore store = openStore(config.cache(), dataDir, env);
        try {
            IncidentRuntime runtime = IncidentRuntime.open(config, store, clock);
            boolean notify = !config.notifications().isEmpty();
            // roles apply on the command line as on the screen: a user without ack changes nothing
            Incidents desk = RoleCheckedIncidents.of(runtime.desk(), AccessRuntime.currentOperator(config, env, false));
            return new IncidentDesk(desk, store, config.maintenance(), clock, () -> {
                try {
                    // what this command did goes out now when it can; what cannot stays in the outbox for the console
                    if (notify && !runtime.sendPending(NOTIFY_WAIT)) {
                        LOG.warn("some notifications are not sent yet; the console sends them when it runs");
                    }
                    runtime.close();
                } finally {
                    store.close();
                }
            });
        } catch (CacheOpenException e) {
            store.close();
            throw new DeskUnavailableException(dataDir, false, null, e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    private static H2TelemetryStore openStore(CacheConfig cache, Path dataDir, Map<String, String> env)
            throws DeskUnavailableException {
        try {
            return ConsoleRuntime.openStore(cache, dataDir, env);
        } catch (ConsoleRuntime.CacheUnavailableException e) {
            if (e.getCause() instanceof CacheLockedException locked) {
                OptionalLong pid = locked.ownerPid();
                throw new DeskUnavailableException(dataDir, true, pid.isPresent() ? pid.getAsLong() : null,
                        e.getMessage(), locked);
            }
            throw new DeskUnavailableException(dataDir, false, null, e.getMessage(), e.getCause());
        }
    }

    public Incidents incidents() {
        return incidents;
    }

    /** A writer that reads SLA minutes from this desk's ledger and leaves the configured maintenance out. */
    public PostmortemWriter postmortems() {
        return new PostmortemWriter(ledger, maintenance);
    }

    public Clock clock() {
        return clock;
    }

    /** Closes the incidents (their pending writes are durable once their futures completed), then the cache. */
    @Override
    public void close() {
        try {
            incidents.close();
        } finally {
            release.run();
        }
    }

    /** The desk could not be opened; {@link #locked()} when another process (the console) holds the directory. */
    public static final class DeskUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Path dataDir;
        private final boolean locked;
        private final Long ownerPid;

        public DeskUnavailableException(Path dataDir, boolean locked, Long ownerPid, String message, Throwable cause) {
            super(message, cause);
            this.dataDir = dataDir;
            this.locked = locked;
            this.ownerPid = ownerPid;
        }

        public Path dataDir() {
            return dataDir;
        }

        public boolean locked() {
            return locked;
        }

        /** The process holding the directory, when it could be told. */
        public OptionalLong ownerPid() {
            return ownerPid == null ? OptionalLong.empty() : OptionalLong.of(ownerPid);
        }
    }
}
