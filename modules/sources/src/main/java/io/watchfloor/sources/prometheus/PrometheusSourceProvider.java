package io.watchfloor.sources.prometheus;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.Source;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.SourceProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Type "prometheus": the GPU wall from dcgm-exporter metrics in a Prometheus-compatible server. */
public final class PrometheusSourceProvider implements SourceProvider {
    public static final String OPTION_SELECTOR = "selector";
    static final Set<String> ALLOWED_OPTIONS = Set.of(OPTION_SELECTOR);

    @Override
    public String type() {
        return PrometheusGpuSource.TYPE;
    }

    @Override
    public List<ConfigProblem> validate(SourceConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        URI url = config.url();
        if (url == null) {
            problems.add(new ConfigProblem(config.position(),
                    "a prometheus source needs a url, e.g. http://prometheus:9090"));
        } else if (!url.isAbsolute() || url.getHost() == null || !isHttp(url.getScheme())) {
            problems.add(new ConfigProblem(config.position(),
                    "url must be an absolute http:// or https:// URL"));
        } else if (url.getRawUserInfo() != null) {
            problems.add(new ConfigProblem(config.position(),
                    "put credentials under auth, not in the url"));
        }
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

    @Override
    public Source create(SourceConfig config, SourceContext context) {
        PrometheusClient client = new PrometheusClient(HttpSettings.from(config));
        return new PrometheusGpuSource(config.id(),
                config.interval() == null ? SourceConfig.DEFAULT_INTERVAL : config.interval(),
                client, (String) config.options().get(OPTION_SELECTOR), context);
    }

    private static boolean isHttp(String scheme) {
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        return s.equals("http") || s.equals("https");
    }
}
