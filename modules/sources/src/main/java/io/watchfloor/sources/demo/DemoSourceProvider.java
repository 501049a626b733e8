package io.watchfloor.sources.demo;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.Source;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.SourceProvider;
import java.util.ArrayList;
import java.util.List;

/** {@code type: demo}: options hosts (1-512), gpusPerHost (1-16), model, memoryMib, seed; no url. */
public final class DemoSourceProvider implements SourceProvider {
    public static final String TYPE = "demo";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ConfigProblem> validate(SourceConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.url() != null) {
            problems.add(new ConfigProblem(config.position(), "a demo source takes no url: it simulates its GPUs"));
        }
        DemoOptions.parse(config, problems);
        return problems;
    }

    @Override
    public Source create(SourceConfig config, SourceContext context) {
        List<ConfigProblem> problems = new ArrayList<>();
        DemoOptions options = DemoOptions.parse(config, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("demo source '" + config.id() + "' is not valid: " + problems.getFirst().message());
        }
        return new DemoSource(config.id(),
                config.interval() != null ? config.interval() : SourceConfig.DEFAULT_INTERVAL, options, context);
    }
}
