package io.watchfloor.sources.local;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.Source;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.SourceProvider;
import java.util.ArrayList;
import java.util.List;

/** {@code type: local}: options disk (default "/"), gpus (auto|off), nvidiaSmi (default "nvidia-smi"); no url. */
public final class LocalSourceProvider implements SourceProvider {
    public static final String TYPE = "local";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ConfigProblem> validate(SourceConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.url() != null) {
            problems.add(new ConfigProblem(config.position(), "a local source takes no url: it reads this machine"));
        }
        LocalOptions.parse(config, problems);
        return problems;
    }

    @Override
    public Source create(SourceConfig config, SourceContext context) {
        List<ConfigProblem> problems = new ArrayList<>();
        LocalOptions options = LocalOptions.parse(config, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("local source '" + config.id() + "' is not valid: " + problems.getFirst().message());
        }
        return new LocalMachineSource(config.id(),
                config.interval() != null ? config.interval() : SourceConfig.DEFAULT_INTERVAL,
                config.timeout() != null ? config.timeout() : SourceConfig.DEFAULT_TIMEOUT, options, context);
    }
}
