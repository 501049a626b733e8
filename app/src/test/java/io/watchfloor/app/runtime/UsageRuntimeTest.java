package io.watchfloor.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKey;
import io.watchfloor.usage.ledger.UsageLedger;
import io.watchfloor.usage.ledger.UsageSums;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageRuntimeTest {
    @TempDir
    Path dir;

    @Test
    void flushWritesTheMinuteInProgressSoAClosedConsoleLosesNoUsage() {
        Instant now = Instant.parse("2026-11-23T12:00:30Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        WatchfloorConfig config = new WatchfloorConfig(null, List.of(), WallConfig.DEFAULTS, CacheConfig.DEFAULTS);
        try (H2TelemetryStore store = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, clock)) {
            UsageRuntime usage = UsageRuntime.open(config, store, clock);
            assertThat(usage.reports()).isNotNull();
            // the first sample of an endpoint covers the minute before it: 120 req/min -> 120 requests
            usage.recordingStore().record(List.of(new Reading(TileKey.endpoint("chat"), null, "prom", now,
                    Map.of(Metric.REQUESTS_PM, 120.0), Set.of())));
            usage.flush();

            Map<String, UsageSums> stored = UsageLedger.open(store.database(), clock)
                    .totals(List.of("chat"), now.minusSeconds(3600), now.plusSeconds(3600));
            assertThat(stored).containsKey("chat");
            assertThat(stored.get("chat").requests()).isEqualTo(120.0, org.assertj.core.data.Offset.offset(1e-6));
        }
    }
}
