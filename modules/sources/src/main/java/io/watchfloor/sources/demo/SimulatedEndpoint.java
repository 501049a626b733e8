package io.watchfloor.sources.demo;

import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One simulated LLM endpoint: the provider metrics (an ENDPOINT reading) and, where the endpoint is probed, the
 * console's probe result (a PROBE reading), as a real source and the prober would report them. Values are closed-form
 * functions of time and seed, like the simulated GPUs, and each endpoint keeps its behaviour so that the Endpoints
 * page always shows every status: two UP, two DEGRADED, one DOWN, one UNKNOWN.
 *
 * <p>Providers differ as they really do: Bedrock here reports only an average latency, SageMaker has no token
 * counts, an idle endpoint publishes no traffic figures at all (clouds go silent), and only some are probed.
 */
final class SimulatedEndpoint {
    /** What the endpoint is doing, and so which status the console must show for it. */
    enum Behaviour {
        /** Serving normally: UP. */
        HEALTHY,
        /** Over its quota: 12-18% of requests throttled, DEGRADED. */
        THROTTLED,
        /** The server answers 503: the probe fails, DOWN. */
        FAILING,
        /** p95 above 5 s: DEGRADED. */
        SLOW,
        /** Nobody calls it and it is not probed: the provider publishes nothing, UNKNOWN. */
        IDLE
    }

    /**
     * @param description  the provider's words, as a real source writes {@code EndpointConfig.describe()} there
     * @param probe        the probe's outcome text, null when the endpoint is not probed
     * @param percentiles  false: the provider reports only an average latency
     * @param serverGauges vLLM/TGI-style running and waiting requests and KV-cache use
     * @param tlsDays      days the TLS certificate has left, null for plain HTTP
     */
    record Profile(String id, String description, Behaviour behaviour, String probe, boolean percentiles,
                   boolean tokens, boolean serverGauges, double rpmLo, double rpmHi, double p50Ms, double p95Ms,
                   Double tlsDays) {
    }

    /** The six demo endpoints, across providers. */
    static final List<Profile> PROFILES = List.of(
            new Profile("demo-gpt4o-azure", "azure-openai oai-prod-eastus gpt-4o", Behaviour.HEALTHY,
                    "200 OK · 1 token", true, true, false, 300, 520, 520, 1500, 64.0),
            new Profile("demo-claude-bedrock", "bedrock us-east-1 anthropic.claude-3-5-sonnet", Behaviour.THROTTLED,
                    null, false, true, false, 150, 260, 0, 2200, null),
            new Profile("demo-llama-vllm", "openai-compatible https://llama.demo.internal/v1", Behaviour.HEALTHY,
                    "200 OK · 2 models", true, true, true, 80, 160, 240, 880, 41.0),
            new Profile("demo-mistral-tgi", "openai-compatible http://10.20.0.14:8080/v1", Behaviour.FAILING,
                    "HTTP 503", true, true, true, 20, 60, 40, 95, null),
            new Profile("demo-gemini-vertex", "vertex europe-west4 endpoint 4711", Behaviour.SLOW,
                    null, true, true, false, 40, 90, 2200, 6400, null),
            new Profile("demo-embed-sagemaker", "sagemaker demo-embeddings AllTraffic", Behaviour.IDLE,
                    null, false, false, false, 0, 0, 0, 0, null));

    private final Profile profile;
    private final Wave traffic;
    private final Wave latency;
    private final Wave errors;

    SimulatedEndpoint(Profile profile, SplittableRandom rnd) {
        this.profile = profile;
        this.traffic = Wave.random(rnd);
        this.latency = Wave.random(rnd);
        this.errors = Wave.random(rnd);
    }

    Profile profile() {
        return profile;
    }

    /** The readings of this endpoint at {@code at}: provider metrics, plus the probe's result where it is probed. */
    List<Reading> sample(Instant at, String sourceId) {
        double t = at.toEpochMilli() / 1000.0;
        List<Reading> out = new ArrayList<>(2);
        out.add(new Reading(TileKey.endpoint(profile.id()), profile.description() + " · DEMO", sourceId, at,
                providerMetrics(t), Set.of(Flag.DEMO)));
        if (profile.probe() != null) {
            out.add(new Reading(TileKey.probe(profile.id()), profile.probe(), sourceId, at, probeMetrics(t),
                    Set.of(Flag.DEMO)));
        }
        return out;
    }

    private Map<Metric, Double> providerMetrics(double t) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        if (profile.behaviour() == Behaviour.IDLE) {
            // a cloud endpoint without traffic publishes no data points at all
            return m;
        }
        double rpm = Math.round(traffic.between(t, profile.rpmLo(), profile.rpmHi()));
        m.put(Metric.REQUESTS_PM, rpm);
        double client = errors.between(t, 0.2, 1.2);
        double server = switch (profile.behaviour()) {
            case FAILING -> errors.between(t, 70, 95);
            case SLOW -> errors.between(t, 0.3, 1.5);
            default -> errors.between(t, 0.0, 0.4);
        };
        m.put(Metric.CLIENT_ERROR_PCT, round1(client));
        m.put(Metric.SERVER_ERROR_PCT, round1(server));
        m.put(Metric.ERROR_PCT, round1(client + server));
        double throttle = profile.behaviour() == Behaviour.THROTTLED ? traffic.between(t, 12, 18) : errors.between(t, 0, 1.5);
        m.put(Metric.THROTTLE_PCT, round1(throttle));
        double swing = latency.between(t, 0.85, 1.15);
        if (profile.percentiles()) {
            m.put(Metric.P50_MS, (double) Math.round(profile.p50Ms() * swing));
            m.put(Metric.P95_MS, (double) Math.round(profile.p95Ms() * swing));
        } else {
            m.put(Metric.AVG_MS, (double) Math.round(profile.p95Ms() * swing));
        }
        if (profile.tokens()) {
            double served = rpm * (1 - server / 100);
            m.put(Metric.TOKENS_IN_PM, (double) Math.round(served * latency.between(t, 700, 1100)));
            m.put(Metric.TOKENS_OUT_PM, (double) Math.round(served * latency.between(t, 140, 260)));
        }
        if (profile.serverGauges()) {
            boolean failing = profile.behaviour() == Behaviour.FAILING;
            m.put(Metric.REQUESTS_RUNNING, failing ? 0 : (double) Math.round(traffic.between(t, 4, 24)));
            m.put(Metric.REQUESTS_WAITING, failing ? 0 : (double) Math.round(traffic.between(t, 0, 3)));
            m.put(Metric.KV_CACHE_PCT, failing ? 0.5 : round1(traffic.between(t, 30, 70)));
        }
        return m;
    }

    private Map<Metric, Double> probeMetrics(double t) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        boolean failing = profile.behaviour() == Behaviour.FAILING;
        m.put(Metric.PROBE_UP, failing ? 0.0 : 1.0);
        m.put(Metric.PROBE_HTTP_STATUS, failing ? 503.0 : 200.0);
        double ms = failing ? latency.between(t, 5, 15)
                : profile.probe().contains("token") ? latency.between(t, 350, 600) : latency.between(t, 25, 60);
        m.put(Metric.PROBE_MS, (double) Math.round(ms));
        if (profile.tlsDays() != null) {
            // the certificate's clock runs with the demo's: a day later it has a day less
            m.put(Metric.TLS_DAYS_LEFT, round1(profile.tlsDays() - (t % (20 * 86400.0)) / 86400.0));
        }
        return m;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
