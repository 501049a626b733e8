package io.watchfloor.sources;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.Source;
import io.watchfloor.sources.alertmanager.AlertmanagerSourceProvider;
import io.watchfloor.sources.azure.AzureMonitorSourceProvider;
import io.watchfloor.sources.cloudwatch.CloudWatchSourceProvider;
import io.watchfloor.sources.demo.DemoSourceProvider;
import io.watchfloor.sources.local.LocalSourceProvider;
import io.watchfloor.sources.prometheus.PrometheusSourceProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every source type the console knows. Adding a type: write its provider, list it here. */
public final class SourceRegistry {
    private final Map<String, SourceProvider> providers = new LinkedHashMap<>();

    public SourceRegistry(List<SourceProvider> providers) {
        providers.forEach(p -> this.providers.put(p.type(), p));
    }

    public static SourceRegistry standard() {
        return new SourceRegistry(List.of(
                new PrometheusSourceProvider(),
                new DemoSourceProvider(),
                new LocalSourceProvider(),
                new CloudWatchSourceProvider(),
                new AzureMonitorSourceProvider(),
                new AlertmanagerSourceProvider()));
    }

    public List<String> types() {
        return List.copyOf(providers.keySet());
    }

    /** Type-specific problems of every source entry, in file order. */
    public List<ConfigProblem> validate(WatchfloorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (SourceConfig s : config.sources()) {
            SourceProvider p = providers.get(s.type());
            if (p == null) {
                problems.add(new ConfigProblem(s.position(), "sources: unknown type \"" + s.type()
                        + "\" for source \"" + s.id() + "\"; expected one of: " + String.join(", ", types())));
            } else {
                List<ConfigProblem> own = p.validate(s);
                problems.addAll(own);
                if (own.isEmpty()) {
                    problems.addAll(p.validateEndpoints(s, config.endpoints().stream()
                            .filter(e -> s.id().equals(e.sourceId())).toList()));
                }
            }
        }
        return problems;
    }

    public List<Source> create(WatchfloorConfig config, SourceContext context) {
        List<Source> sources = new ArrayList<>();
        for (SourceConfig s : config.sources()) {
            sources.add(providers.get(s.type()).create(s, context));
        }
        return sources;
    }
}
