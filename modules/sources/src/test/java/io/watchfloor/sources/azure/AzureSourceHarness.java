package io.watchfloor.sources.azure;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.model.Source;
import io.watchfloor.model.Thresholds;
import io.watchfloor.sources.HandClock;
import io.watchfloor.sources.SourceContext;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the azure-monitor source tests share: a hand-moved clock at {@link #NOW}, a fake credential, a fake Azure
 * Resource Manager on MockWebServer, and the source under test, closed after each test.
 */
abstract class AzureSourceHarness {
    static final Instant NOW = Instant.parse("2026-11-23T12:05:20Z");

    final HandClock clock = new HandClock(NOW);
    final FakeCredential credential = new FakeCredential(clock, Duration.ofMinutes(60));
    final ArmServer arm = new ArmServer();
    MockWebServer server;
    Source source;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(arm);
        server.start();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        server.close();
    }

    /** An azure-monitor source reading these endpoints from the fake Resource Manager. */
    Source source(EndpointConfig... endpoints) {
        SourceContext context = new SourceContext(clock, Thresholds.DEFAULTS, List.of(endpoints));
        source = new AzureMonitorSourceProvider(options -> credential)
                .create(AzureConfigs.source(server.url("/").uri(), Map.of()), context);
        return source;
    }
}
