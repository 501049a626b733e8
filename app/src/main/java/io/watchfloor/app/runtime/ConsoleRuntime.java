package io.watchfloor.app.runtime;

import io.watchfloor.app.ui.FxExecutor;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.engine.EngineSettings;
import io.watchfloor.engine.PollerEngine;
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
    private final WatchfloorConfig config;
    private final H2TelemetryStore store;
    private final PollerEngine engine;
    private final Clock clock;

    private ConsoleRuntime(WatchfloorConfig config, H2TelemetryStore store, PollerEngine engine, Clock clock) {
        this.config = config;
        this.store = store;
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * Opens the cache in dataDir and builds the sources and engine (nothing is polled yet).
     *
     * @throws CacheUnavailableException with an operator-readable message when the cache cannot be opened
     */
    public static ConsoleRuntime open(WatchfloorConfig config, Path dataDir, Map<String, String> env,
                                      SourceRegistry registry, Clock clock) throws CacheUnavailableException {
        H2TelemetryStore store = openStore(config.cache(), dataDir, env);
        try {
            List<Source> sources = registry.create(config, new SourceContext(clock, config.wall().thresholds()));
            Map<String, java.time.Duration> timeouts = new HashMap<>();
            config.sources().forEach(s -> timeouts.put(s.id(), s.timeout()));
            EngineSettings settings = EngineSettings.DEFAULTS.withPollTimeouts(timeouts);
            PollerEngine engine = new PollerEngine(sources, store, clock, settings);
            return new ConsoleRuntime(config, store, engine, clock);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static H2TelemetryStore openStore(CacheConfig cache, Path dataDir, Map<String, String> env)
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
            throw new CacheUnavailableException(e.getMessage());
        }
    }

    public WallSnapshot loadFromCache() {
        return engine.loadFromCache();
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

    public ViewContext viewContext(FxExecutor fx) {
        // the SLA board is wired by the SLA accounting work; until then views show no SLA figures
        return new ViewContext(config, clock, engine::current, engine::subscribe, fx,
                () -> io.watchfloor.model.endpoint.SlaBoard.empty(clock.instant()));
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            store.close();
        }
    }

    /** The cache could not be opened (locked by another console, wrong key, unreadable). */
    public static final class CacheUnavailableException extends Exception {
        public CacheUnavailableException(String message) {
            super(message);
        }
    }
}
