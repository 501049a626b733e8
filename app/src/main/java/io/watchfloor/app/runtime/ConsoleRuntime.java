package io.watchfloor.app.runtime;

import io.watchfloor.app.ui.FxExecutor;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.engine.EngineSettings;
import io.watchfloor.engine.PollerEngine;
import io.watchfloor.engine.SlaService;
import io.watchfloor.config.SlaConfig;
import io.watchfloor.model.Flag;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKind;
import io.watchfloor.model.endpoint.SlaBoard;
import io.watchfloor.model.endpoint.SlaBoards;
import io.watchfloor.sources.probe.ProbeSource;
import io.watchfloor.sources.probe.ProbeSources;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import io.watchfloor.model.Source;
import io.watchfloor.model.WallSnapshot;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.SourceRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running console without its screens: cache, sources and the poller engine, wired from a
 * configuration. The GUI and the headless commands both build one.
 */
public final class ConsoleRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRuntime.class);
    /** SLA figures span 24 h to 90 d: recomputing them every 30 s keeps the budget current to well under a minute. */
    private static final Duration SLA_PERIOD = Duration.ofSeconds(30);
    /** Calendar months are UTC months, as providers' SLA reports are. */
    private static final ZoneId SLA_ZONE = ZoneOffset.UTC;
    private final WatchfloorConfig config;
    private final H2TelemetryStore store;
    private final PollerEngine engine;
    private final SlaService sla;
    private final IncidentRuntime incidents;
    private final UsageRuntime usage;
    private final SshRuntime ssh;
    private final io.watchfloor.access.Operator operator;
    private final Clock clock;

    private ConsoleRuntime(WatchfloorConfig config, H2TelemetryStore store, PollerEngine engine, SlaService sla,
                           IncidentRuntime incidents, UsageRuntime usage, SshRuntime ssh,
                           io.watchfloor.access.Operator operator, Clock clock) {
        this.ssh = ssh;
        this.operator = operator;
        this.config = config;
        this.store = store;
        this.engine = engine;
        this.sla = sla;
        this.incidents = incidents;
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * Opens the cache in dataDir and builds the sources and engine (nothing is polled yet).
     *
     * @throws CacheUnavailableException with an operator-readable message when the cache cannot be opened
     */
    public static ConsoleRuntime open(WatchfloorConfig config, Path dataDir, Map<String, String> env,
                                      SourceRegistry registry, Clock clock) throws CacheUnavailableException {
        return open(config, dataDir, env, registry, clock, false);
    }

    /**
     * @param wall whether this console is a wall display: its operator has the wall role and never opens shells
     */
    public static ConsoleRuntime open(WatchfloorConfig config, Path dataDir, Map<String, String> env,
                                      SourceRegistry registry, Clock clock, boolean wall)
            throws CacheUnavailableException {
        H2TelemetryStore store = openStore(config.cache(), dataDir, env);
        SshRuntime ssh = SshRuntime.none();
        try {
            SourceContext context = new SourceContext(clock, config.wall().thresholds(), config.endpoints());
            List<Source> sources = new ArrayList<>(registry.create(config, context));
            Map<String, java.time.Duration> timeouts = new HashMap<>();
            config.sources().forEach(s -> timeouts.put(s.id(), s.timeout()));
            // The console's own probes: one source each, in the engine's probe lane, cut off at their own timeout.
            for (Source probe : ProbeSources.create(config.endpoints(), context, env)) {
                sources.add(probe);
                timeouts.put(probe.id(), ((ProbeSource) probe).timeout());
            }
            // GPU hosts over SSH: one source per bastion, on the transport just-in-time shells share
            io.watchfloor.access.Operator operator = AccessRuntime.currentOperator(config, env, wall);
            ssh = SshRuntime.open(config, dataDir, operator, context, clock);
            sources.addAll(ssh.sources());
            timeouts.putAll(ssh.pollTimeouts());
            EngineSettings settings = EngineSettings.DEFAULTS.withPollTimeouts(timeouts);
            // the engine writes through the usage ledger, so reports have what the console polled
            UsageRuntime usage = UsageRuntime.open(config, store, clock);
            PollerEngine engine = new PollerEngine(sources, usage.recordingStore(), clock, settings, new EndpointAvailability(config));
            SlaService sla = new SlaService(() -> slaBoard(config, store, engine.current(), clock), SLA_PERIOD, clock);
            IncidentRuntime incidents;
            try {
                incidents = IncidentRuntime.open(config, store, clock);
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
            // before the first poll: batches are not replayed
            engine.subscribeAlerts(incidents::ingest);
            return new ConsoleRuntime(config, store, engine, sla, incidents, usage, ssh, operator, clock);
        } catch (RuntimeException e) {
            ssh.close();
            store.close();
            throw e;
        }
    }

    /**
     * Every endpoint's figures for every window, from the ledger; maintenance comes from config, not the cache. DEMO
     * endpoints (on screen, not in the config) are accounted with the default target, see EndpointAvailability.
     */
    private static SlaBoard slaBoard(WatchfloorConfig config, H2TelemetryStore store, WallSnapshot now, Clock clock) {
        Map<String, Double> targets = new LinkedHashMap<>();
        config.endpoints().forEach(e -> targets.put(e.id(), e.sla().targetPct()));
        for (Reading r : now.readings()) {
            if (r.key().kind() == TileKind.PROBE && r.flags().contains(Flag.DEMO)) {
                targets.putIfAbsent(r.key().host(), SlaConfig.DEFAULTS.targetPct());
            }
        }
        return SlaBoards.compute(store, targets, config.maintenance(), clock.instant(), SLA_ZONE);
    }

    /**
     * Opens the cache in {@code dataDir} with the key the config names (from the environment); the console and the
     * commands that work on the data directory open it the same way.
     *
     * @throws CacheUnavailableException whose cause is the cache's own exception (CacheLockedException when another
     *                                   process holds the directory), or none when the key is missing
     */
    public static H2TelemetryStore openStore(CacheConfig cache, Path dataDir, Map<String, String> env)
            throws CacheUnavailableException {
        char[] key = null;
        if (cache.encryptionKeyEnv() != null) {
            String k = env.get(cache.encryptionKeyEnv());
            if (k == null || k.isEmpty()) {
                throw new CacheUnavailableException("cache encryption is configured but environment variable "
                        + cache.encryptionKeyEnv() + " is not set");
            }
            key = k.toCharArray();
        }
        try {
            return H2TelemetryStore.open(dataDir, new RetentionPolicy(cache.raw(), cache.rollupStep(), cache.rollupRetention()), key);
        } catch (RuntimeException e) {
            LOG.debug("cache open failed", e);
            throw new CacheUnavailableException(e.getMessage(), e);
        } finally {
            if (key != null) {
                java.util.Arrays.fill(key, '\0');
            }
        }
    }

    /**
     * The last known state from the cache. SLA figures are not part of it: they come from {@link #start()} (on their
     * own thread, after the first frame) or {@link #refreshSla()}.
     */
    public WallSnapshot loadFromCache() {
        return engine.loadFromCache();
    }

    /** Starts polling, the periodic SLA computation, the incidents' response timers and notifications. */
    public void start() {
        incidents.start();
        engine.start();
        sla.start();
    }

    /**
     * Waits (at most {@code max}) until the incident desk has taken every alert batch delivered so far; headless
     * snapshots call it after their last poll so the state shows what the alerts opened.
     */
    public boolean settleIncidents(Duration max) {
        return incidents.settle(max);
    }

    public IncidentRuntime incidents() {
        return incidents;
    }

    /** Recomputes the SLA figures now (headless snapshots call it after their last poll). */
    public SlaBoard refreshSla() {
        try {
            return sla.refreshNow();
        } catch (RuntimeException e) {
            LOG.warn("SLA figures could not be computed", e);
            return sla.current();
        }
    }

    public SlaService sla() {
        return sla;
    }

    public PollerEngine engine() {
        return engine;
    }

    public WatchfloorConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** Just-in-time shells, or null where none are configured. */
    public io.watchfloor.access.ShellService shells() {
        return ssh.shells();
    }

    public ViewContext viewContext(FxExecutor fx) {
        return new ViewContext(config, clock, engine::current, engine::subscribe, fx, sla::current,
                engine.sourceNotes()).withIncidents(RoleCheckedIncidents.of(incidents.desk(), operator),
                ViewContext.defaultActor(config),
                incident -> incidents.postmortems(store).render(incident, clock.instant()))
                .withUsage(usage.reports()).withShells(ssh.shells());
    }

    @Override
    public void close() {
        try {
            sla.close();
            engine.close();
            usage.flush(); // the engine wrote its last readings: what the ledger holds goes in before the cache closes
            incidents.close();
        } finally {
            ssh.close(); // after the engine: no poll is using the transport any more
            store.close();
        }
    }

    /** The cache could not be opened (locked by another console, wrong key, unreadable). */
    public static final class CacheUnavailableException extends Exception {
        public CacheUnavailableException(String message) {
            super(message);
        }

        public CacheUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
