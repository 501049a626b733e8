package io.watchfloor.sources.prometheus;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.Source;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.SourceProvider;
import io.watchfloor.sources.SourceUrls;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Type "prometheus": the GPU wall from dcgm-exporter metrics in a Prometheus-compatible server, and the LLM
 * endpoints (vLLM, TGI, Vertex AI through Google Managed Prometheus, blackbox probes) whose {@code source:} names it.
 * Options: {@code selector} (label matchers for the dcgm-exporter series) and {@code gpus} (default true; false
 * skips the GPU queries for a server that only holds endpoint metrics).
 */
public final class PrometheusSourceProvider implements SourceProvider {
    public static final String OPTION_SELECTOR = "selector";
    public static final String OPTION_GPUS = "gpus";
    static final Set<String> ALLOWED_OPTIONS = Set.of(OPTION_SELECTOR, OPTION_GPUS);

    @Override
    public String type() {
        return PrometheusGpuSource.TYPE;
    }

    @Override
    public List<ConfigProblem> validate(SourceConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        SourceUrls.check(config, "a prometheus source needs a url, e.g. http://prometheus:9090",
                "url must be an absolute http:// or https:// URL", problems);
        for (String key : new TreeSet<>(config.options().keySet())) {
            if (!ALLOWED_OPTIONS.contains(key)) {
                problems.add(new ConfigProblem(config.positionOf(key), "unknown option '" + key
                        + "' for a prometheus source; allowed: " + String.join(", ", new TreeSet<>(ALLOWED_OPTIONS))));
            }
        }
        Object selector = config.options().get(OPTION_SELECTOR);
        if (selector != null && !(selector instanceof String)) {
            problems.add(new ConfigProblem(config.positionOf(OPTION_SELECTOR),
                    "option 'selector' must be a string of PromQL label matchers, e.g. cluster=\"a\",namespace=\"gpu\""));
        }
        Object gpus = config.options().get(OPTION_GPUS);
        if (gpus != null && !(gpus instanceof Boolean)) {
            problems.add(new ConfigProblem(config.positionOf(OPTION_GPUS), "option 'gpus' must be true or false"
                    + " (false: this server holds no dcgm-exporter metrics, only endpoint metrics)"));
        }
        // the config loader already reports a missing or unreadable file; here: is it really PEM?
        if (config.caFile() != null && Files.isReadable(config.caFile())) {
            try {
                TrustSupport.loadCertificates(config.caFile());
            } catch (IOException | GeneralSecurityException e) {
                problems.add(new ConfigProblem(config.position(),
                        "caFile " + config.caFile() + " holds no usable PEM certificate: " + e.getMessage()));
            }
        }
        return problems;
    }

    /**
     * Problems only visible together with the endpoints this source serves (those whose {@code source:} is its id):
     * a source that would poll nothing, endpoints of a provider it cannot read, selectors that are not label
     * matchers, an unknown {@code server:}. Meant to run after {@link #validate(SourceConfig)}.
     */
    @Override
    public List<ConfigProblem> validateEndpoints(SourceConfig config, List<EndpointConfig> served) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (!gpus(config) && served.isEmpty()) {
            problems.add(new ConfigProblem(config.positionOf(OPTION_GPUS), "source '" + config.id()
                    + "' has gpus: false and no endpoint names it (source: " + config.id() + "): it would poll nothing"));
        }
        for (EndpointConfig e : served) {
            String selector = e.identity(EndpointTarget.SELECTOR_KEY);
            if (selector != null && !PromQl.isMatchers(selector)) {
                problems.add(new ConfigProblem(e.position(), "endpoint '" + e.id() + "': selector must be PromQL"
                        + " label matchers, e.g. {job=\"vllm\",instance=\"10.0.0.5:8000\"}"));
                continue;
            }
            try {
                EndpointTarget.of(e);
            } catch (IllegalArgumentException notReadable) {
                problems.add(new ConfigProblem(e.position(), notReadable.getMessage()));
            }
        }
        return problems;
    }

    @Override
    public Source create(SourceConfig config, SourceContext context) {
        PrometheusClient client = new PrometheusClient(HttpSettings.from(config));
        return new PrometheusGpuSource(config.id(),
                config.interval() == null ? SourceConfig.DEFAULT_INTERVAL : config.interval(),
                client, (String) config.options().get(OPTION_SELECTOR), gpus(config), context);
    }

    private static boolean gpus(SourceConfig config) {
        return !Boolean.FALSE.equals(config.options().get(OPTION_GPUS));
    }

}
