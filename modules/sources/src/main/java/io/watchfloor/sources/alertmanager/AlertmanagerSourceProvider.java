package io.watchfloor.sources.alertmanager;

import io.watchfloor.config.Auth;
import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.Source;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.SourceProvider;
import io.watchfloor.sources.SourceUrls;
import io.watchfloor.sources.prometheus.HttpSettings;
import io.watchfloor.sources.prometheus.TrustSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code type: alertmanager}: the alerts of one Alertmanager (API v2, version 0.16 or newer), e.g.
 * {@code {id: am, type: alertmanager, url: http://127.0.0.1:9093, interval: 5s}}. It takes the common HTTP keys
 * ({@code url} with any path prefix, {@code timeout}, {@code auth} as bearer or basic, {@code headers},
 * {@code caFile}) and no options of its own. TLS is always verified.
 */
public final class AlertmanagerSourceProvider implements SourceProvider {

    @Override
    public String type() {
        return AlertmanagerSource.TYPE;
    }

    @Override
    public List<ConfigProblem> validate(SourceConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        SourceUrls.check(config, "an alertmanager source needs a url, e.g. http://alertmanager:9093",
                "url must be an absolute http:// or https:// URL, e.g. http://alertmanager:9093", problems);
        for (String key : new TreeSet<>(config.options().keySet())) {
            problems.add(new ConfigProblem(config.positionOf(key), "unknown option '" + key
                    + "' for an alertmanager source; it takes only url, interval, timeout, auth, headers and caFile"));
        }
        if (config.auth() instanceof Auth.Google) {
            problems.add(new ConfigProblem(config.position(), "an alertmanager source takes auth {bearer: ...} or"
                    + " {basic: {user: ..., password: ...}}, not type google"));
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
        return new AlertmanagerSource(config.id(),
                config.interval() == null ? SourceConfig.DEFAULT_INTERVAL : config.interval(),
                new AlertmanagerClient(HttpSettings.from(config)), context.clock());
    }

}
