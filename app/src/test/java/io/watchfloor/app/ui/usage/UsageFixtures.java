package io.watchfloor.app.ui.usage;

import io.watchfloor.app.ui.FxExecutor;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.CustomerConfig;
import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.WallSnapshot;
import io.watchfloor.model.endpoint.SlaBoard;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A console context at {@link FakeUsageReports#NOW} with two customers and the fake reports. */
final class UsageFixtures {
    private UsageFixtures() {
    }

    static WatchfloorConfig config() {
        return new WatchfloorConfig(Path.of("test.yaml"), List.of(), WallConfig.DEFAULTS, CacheConfig.DEFAULTS,
                List.of(), List.of(), IncidentsConfig.DEFAULTS, List.of(),
                List.of(new CustomerConfig("acme", "Acme Corp", List.of("llama-70b", "mistral-tgi"), List.of(),
                                ZoneOffset.UTC),
                        new CustomerConfig("contoso", "Contoso", List.of(), List.of(), ZoneOffset.UTC)),
                List.of());
    }

    static ViewContext context(FakeUsageReports reports) {
        Clock clock = Clock.fixed(FakeUsageReports.NOW, ZoneOffset.UTC);
        return new ViewContext(config(), clock, () -> WallSnapshot.empty(FakeUsageReports.NOW), l -> () -> {
        }, FxExecutor.FX, () -> SlaBoard.empty(FakeUsageReports.NOW), Map.of()).withUsage(reports);
    }
}
