package io.watchfloor.sources.demo;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.Source;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.Options;
import io.watchfloor.sources.SourceProvider;
import java.util.List;

/** {@code type: demo}: options hosts (1-512), gpusPerHost (1-16), model, memoryMib, seed, endpoints (true/false); no url. */
public final class DemoSourceProvider implements SourceProvider {
    public static final String TYPE = "demo";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ConfigProblem> validate(SourceConfig config) {
        return Options.validateWithoutUrl(config, "it simulates its GPUs", DemoOptions::parse);
    }

    @Override
    public Source create(SourceConfig config, SourceContext context) {
        DemoOptions options = Options.parsed(config, DemoOptions::parse);
        return new DemoSource(config.id(),
                config.interval() != null ? config.interval() : SourceConfig.DEFAULT_INTERVAL, options, context);
    }
}
