package io.watchfloor.app.runtime;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.engine.AvailabilityJudge;
import io.watchfloor.config.SlaConfig;
import io.watchfloor.model.Flag;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.endpoint.AvailabilityObservation;
import io.watchfloor.model.endpoint.AvailabilityRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which readings count as SLA evidence for which configured endpoint (decision 0005): an endpoint with a probe is
 * judged by its probe only, because the probe sees outages when no traffic flows and provider metrics go silent;
 * an endpoint without one is judged by its provider metrics. Readings of endpoints no longer configured are ignored.
 */
final class EndpointAvailability implements AvailabilityJudge {
    private final Map<String, AvailabilityRule> probed = new HashMap<>();
    private final Map<String, AvailabilityRule> byMetrics = new HashMap<>();

    EndpointAvailability(WatchfloorConfig config) {
        for (EndpointConfig e : config.endpoints()) {
            AvailabilityRule rule = new AvailabilityRule(e.sla().serverErrorPct());
            (e.probe() != null ? probed : byMetrics).put(e.id(), rule);
        }
    }

    @Override
    public List<AvailabilityObservation> judge(Source source, Duration interval, List<Reading> readings) {
        List<AvailabilityObservation> out = new ArrayList<>();
        for (Reading r : readings) {
            AvailabilityRule rule = switch (r.key().kind()) {
                case PROBE -> probed.getOrDefault(r.key().host(), demo(r));
                case ENDPOINT -> byMetrics.get(r.key().host());
                default -> null;
            };
            if (rule != null) {
                rule.observe(r, interval).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The DEMO fleet's simulated endpoints are not in the config but are accounted like probed ones with the default
     * SLA, so the bundled example shows what the SLA columns do; their figures are marked DEMO like everything else.
     */
    private AvailabilityRule demo(Reading r) {
        return r.flags().contains(Flag.DEMO) && !byMetrics.containsKey(r.key().host()) ? DEMO_RULE : null;
    }

    private static final AvailabilityRule DEMO_RULE = new AvailabilityRule(SlaConfig.DEFAULTS.serverErrorPct());

}
