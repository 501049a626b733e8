package io.watchfloor.sources.probe;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.ProbeConfig;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import io.watchfloor.sources.SourceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;

/**
 * Builds the console's synthetic probes: one {@link ProbeSource} per endpoint that has a {@code probe:}. All
 * probes of one call share one HTTP client (see {@link ProbeHttp}) and one {@link ConsoleNetwork}. Probes are not
 * {@code sources:} entries; the application adds them to the poller engine next to the configured sources.
 */
public final class ProbeSources {
    private ProbeSources() {
    }

    /**
     * @param env the process environment (System.getenv() in the app); API keys named by {@code apiKeyEnv} are
     *            read from it once, here, and kept only in memory
     * @return one source per probed endpoint, in configuration order; empty when none is probed. A probe that
     *         cannot run (missing key variable, unreadable caFile, no url) is still returned and reports the
     *         problem on every poll.
     */
    public static List<Source> create(List<EndpointConfig> endpoints, SourceContext context, Map<String, String> env) {
        return List.copyOf(build(endpoints, context.clock(), env, Dns.SYSTEM));
    }

    /**
     * Runs one probe once and returns its reading (for a {@code watchfloor probe} style check). A network verdict
     * needs several probes, so a lone probe is never reported as "console network down".
     *
     * @throws SourceException when the console's configuration keeps the probe from running
     * @throws IllegalArgumentException when the endpoint has no probe
     */
    public static Reading probeOnce(EndpointConfig endpoint, Clock clock, Map<String, String> env)
            throws SourceException {
        if (endpoint.probe() == null) {
            throw new IllegalArgumentException("endpoint " + endpoint.id() + " has no probe");
        }
        List<ProbeSource> probes = build(List.of(endpoint), clock, env, Dns.SYSTEM);
        try (ProbeSource probe = probes.get(0)) {
            return probe.probeOnce();
        }
    }

    /** As {@link #create}, with the resolver tests use to provoke DNS failures and name remote hosts offline. */
    static List<ProbeSource> build(List<EndpointConfig> endpoints, Clock clock, Map<String, String> env, Dns dns) {
        List<EndpointConfig> probed = endpoints.stream().filter(e -> e.probe() != null).toList();
        if (probed.isEmpty()) {
            return List.of();
        }
        ProbeHttp http = new ProbeHttp(probed.size(), dns);
        ConsoleNetwork network = new ConsoleNetwork(clock, networkWindow(probed));
        List<ProbeSource> out = new ArrayList<>();
        for (EndpointConfig e : probed) {
            out.add(one(e, clock, env, http, network));
        }
        return out;
    }

    private static ProbeSource one(EndpointConfig endpoint, Clock clock, Map<String, String> env, ProbeHttp http,
                                   ConsoleNetwork network) {
        ProbeConfig p = endpoint.probe();
        try {
            ProbeSpec spec = ProbeSpec.of(endpoint);
            String key = null;
            if (spec.apiKeyEnv() != null) {
                key = env.get(spec.apiKeyEnv());
                if (key == null || key.isBlank()) {
                    throw new SourceException(SourceException.Kind.AUTH,
                            "environment variable " + spec.apiKeyEnv() + " is not set (the probe's API key)");
                }
                key = key.strip();
            }
            return new ProbeSource(spec, key, network, http, clock);
        } catch (SourceException problem) {
            return new ProbeSource(endpoint.id(), orDefault(p.interval(), ProbeConfig.DEFAULT_INTERVAL),
                    orDefault(p.timeout(), ProbeConfig.DEFAULT_TIMEOUT), problem, http, clock);
        }
    }

    /**
     * How far back {@link ConsoleNetwork} looks: the longest interval, so every running probe has an outcome in
     * it, plus the longest timeout, because an outcome is recorded when its attempt ends.
     */
    static Duration networkWindow(List<EndpointConfig> probed) {
        Duration interval = Duration.ZERO;
        Duration timeout = Duration.ZERO;
        for (EndpointConfig e : probed) {
            Duration i = orDefault(e.probe().interval(), ProbeConfig.DEFAULT_INTERVAL);
            Duration t = orDefault(e.probe().timeout(), ProbeConfig.DEFAULT_TIMEOUT);
            interval = i.compareTo(interval) > 0 ? i : interval;
            timeout = t.compareTo(timeout) > 0 ? t : timeout;
        }
        return interval.plus(timeout);
    }

    private static Duration orDefault(Duration d, Duration fallback) {
        return d == null || !d.isPositive() ? fallback : d;
    }
}
