package io.watchfloor.sources.local;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.Source;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.Options;
import io.watchfloor.sources.SourceProvider;
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
        return Options.validateWithoutUrl(config, "it reads this machine", LocalOptions::parse);
    }

    @Override
    public Source create(SourceConfig config, SourceContext context) {
        LocalOptions options = Options.parsed(config, LocalOptions::parse);
        return new LocalMachineSource(config.id(),
                config.interval() != null ? config.interval() : SourceConfig.DEFAULT_INTERVAL,
                config.timeout() != null ? config.timeout() : SourceConfig.DEFAULT_TIMEOUT, options, context);
    }
}
