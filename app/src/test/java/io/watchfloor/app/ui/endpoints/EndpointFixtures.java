package io.watchfloor.app.ui.endpoints;

import io.watchfloor.app.ui.FxExecutor;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.Position;
import io.watchfloor.config.ProbeConfig;
import io.watchfloor.config.Provider;
import io.watchfloor.config.SlaConfig;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.Flag;
import io.watchfloor.model.Charts;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.WallSnapshot;
import io.watchfloor.model.endpoint.SlaBoard;
import io.watchfloor.model.endpoint.SlaFigures;
import io.watchfloor.model.endpoint.SlaWindow;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A prepared picture of five LLM endpoints, one per situation the screens must get right:
 * <ul>
 *   <li>chat-azure (configured, probed): UP, p50/p95, tokens, SLA well within budget, an hour of history;</li>
 *   <li>claude-bedrock (configured, not probed): DEGRADED by 14% throttles, only an average latency, no tokens out;</li>
 *   <li>llama-onprem (configured, probed): DOWN, probe says HTTP 503, month's error budget spent;</li>
 *   <li>vertex-gemini (configured): UNKNOWN, its source's credentials expired, last values 10 min old;</li>
 *   <li>mistral-tgi: seen only in a Prometheus source's readings (no config entry), UP, no SLA figures yet.</li>
 * </ul>
 * Plus two GPUs of one host, so wall tests can check endpoint readings never become GPU tiles.
 */
public final class EndpointFixtures {
    public static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    public static final Instant NOW = T0.plusSeconds(2);
    private static final Position POS = new Position(Path.of("watchfloor.yaml"), 1, 1);

    private EndpointFixtures() {
    }

    public static WatchfloorConfig config() {
        ProbeConfig probe = new ProbeConfig(ProbeConfig.Kind.MODELS, URI.create("https://chat.example/v1"),
                Duration.ofSeconds(30), Duration.ofSeconds(5), 200, null, null, null, null, null, POS);
        List<EndpointConfig> endpoints = List.of(
                new EndpointConfig("chat-azure", "Chat (Azure OpenAI)", Provider.AZURE_OPENAI, null, "azure",
                        Map.of("resource", "/subscriptions/x/oai-prod", "deployment", "gpt-4o"), probe,
                        SlaConfig.DEFAULTS, "acme", POS),
                new EndpointConfig("claude-bedrock", null, Provider.BEDROCK, null, "aws",
                        Map.of("model", "anthropic.claude-3-5-sonnet"), null, new SlaConfig(99.9, 50, 5000), null, POS),
                new EndpointConfig("llama-onprem", "LLaMA on-prem", Provider.OPENAI_COMPATIBLE,
                        URI.create("http://10.0.0.5:8000/v1"), "prom", Map.of(), probe, SlaConfig.DEFAULTS, null, POS),
                new EndpointConfig("vertex-gemini", null, Provider.VERTEX, null, "gmp",
                        Map.of("endpointId", "4711"), null, null, null, POS));
        return new WatchfloorConfig(Path.of("test.yaml"), List.of(), WallConfig.DEFAULTS, CacheConfig.DEFAULTS,
                endpoints, List.of());
    }

    public static List<SourceStatus> sources() {
        return List.of(
                source("azure", "azure-monitor", SourceState.UP, null),
                source("aws", "cloudwatch", SourceState.UP, null),
                source("prom", "prometheus", SourceState.UP, null),
                source("probes", "probe", SourceState.UP, null),
                source("gmp", "prometheus", SourceState.AUTH_EXPIRED,
                        "Google credentials expired: run gcloud auth application-default login"));
    }

    private static SourceStatus source(String id, String type, SourceState state, String error) {
        return new SourceStatus(id, type, state, T0.minusSeconds(900), error, T0.minusSeconds(state == SourceState.UP ? 1 : 600),
                T0, state == SourceState.UP ? 0 : 12, Duration.ofSeconds(30), null);
    }

    public static List<Reading> readings() {
        List<Reading> r = new ArrayList<>();
        r.add(provider("chat-azure", "azure", "azure-openai /subscriptions/x/oai-prod gpt-4o", T0, Map.of(
                Metric.REQUESTS_PM, 480.0, Metric.ERROR_PCT, 0.9, Metric.CLIENT_ERROR_PCT, 0.6,
                Metric.SERVER_ERROR_PCT, 0.3, Metric.THROTTLE_PCT, 0.4, Metric.P50_MS, 520.0, Metric.P95_MS, 1450.0,
                Metric.TOKENS_IN_PM, 350_000.0, Metric.TOKENS_OUT_PM, 77_000.0)));
        r.add(probe("chat-azure", "200 OK · 3 models", T0, Map.of(Metric.PROBE_UP, 1.0, Metric.PROBE_MS, 412.0,
                Metric.PROBE_HTTP_STATUS, 200.0, Metric.TLS_DAYS_LEFT, 63.4)));
        r.add(provider("claude-bedrock", "aws", "bedrock anthropic.claude-3-5-sonnet", T0.minusSeconds(40), Map.of(
                Metric.REQUESTS_PM, 210.0, Metric.ERROR_PCT, 1.1, Metric.CLIENT_ERROR_PCT, 0.8,
                Metric.SERVER_ERROR_PCT, 0.3, Metric.THROTTLE_PCT, 14.2, Metric.AVG_MS, 2300.0,
                Metric.TOKENS_IN_PM, 200_000.0)));
        r.add(provider("llama-onprem", "prom", "openai-compatible http://10.0.0.5:8000/v1", T0, Map.of(
                Metric.REQUESTS_PM, 31.0, Metric.ERROR_PCT, 96.0, Metric.CLIENT_ERROR_PCT, 1.2,
                Metric.SERVER_ERROR_PCT, 94.8, Metric.P50_MS, 40.0, Metric.P95_MS, 95.0,
                Metric.REQUESTS_RUNNING, 0.0, Metric.REQUESTS_WAITING, 0.0)));
        r.add(probe("llama-onprem", "HTTP 503", T0, Map.of(Metric.PROBE_UP, 0.0, Metric.PROBE_MS, 9.0,
                Metric.PROBE_HTTP_STATUS, 503.0)));
        r.add(provider("vertex-gemini", "gmp", "vertex 4711", T0.minusSeconds(600), Map.of(
                Metric.REQUESTS_PM, 60.0, Metric.ERROR_PCT, 0.5, Metric.P50_MS, 900.0, Metric.P95_MS, 2100.0)));
        r.add(provider("mistral-tgi", "prom", "openai-compatible http://10.0.0.9:8080/v1", T0, Map.of(
                Metric.REQUESTS_PM, 90.0, Metric.ERROR_PCT, 0.4, Metric.P50_MS, 210.0, Metric.P95_MS, 640.0,
                Metric.REQUESTS_RUNNING, 5.0, Metric.REQUESTS_WAITING, 1.0, Metric.KV_CACHE_PCT, 41.0)));
        // two GPUs of one host: the wall must keep them as GPU tiles and nothing else
        for (int g = 0; g < 2; g++) {
            r.add(new Reading(TileKey.gpu("gpu-a1", String.valueOf(g), "GPU-a1-" + g, null), "NVIDIA H100 80GB HBM3",
                    "prom", T0, Map.of(Metric.UTIL_PCT, 60.0 + g, Metric.TEMP_C, 55.0, Metric.POWER_W, 300.0,
                            Metric.MEM_USED_MIB, 40000.0, Metric.MEM_TOTAL_MIB, 81559.0), Set.of()));
        }
        return r;
    }

    public static Reading provider(String id, String source, String description, Instant at, Map<Metric, Double> m) {
        return new Reading(TileKey.endpoint(id), description, source, at, m, Set.of());
    }

    public static Reading probe(String id, String outcome, Instant at, Map<Metric, Double> m) {
        return new Reading(TileKey.probe(id), outcome, "probes", at, m, Set.of());
    }

    /** An hour of history: chat-azure's p95, probe, errors and throttles; llama's errors with an outage 20 min ago. */
    public static Map<String, Series> sparklines() {
        Map<String, Series> m = new HashMap<>();
        TileKey chat = TileKey.endpoint("chat-azure");
        // chat-azure gives only an average latency (Azure OpenAI), so its latency line is AVG_MS
        m.put(Charts.key(chat, Metric.AVG_MS), series(t -> 1350 + 180 * Math.sin(t / 400.0) + (t > 2400 && t < 2700 ? 2500 : 0)));
        m.put(Charts.key(chat, Metric.P95_MS), series(t -> 1350 + 180 * Math.sin(t / 400.0) + (t > 2400 && t < 2700 ? 2500 : 0)));
        m.put(Charts.key(TileKey.probe("chat-azure"), Metric.PROBE_MS), series(t -> 400 + 60 * Math.sin(t / 300.0)));
        m.put(Charts.key(chat, Metric.ERROR_PCT), series(t -> 0.8 + 0.3 * Math.sin(t / 500.0) + (t > 2400 && t < 2700 ? 6 : 0)));
        m.put(Charts.key(chat, Metric.THROTTLE_PCT), series(t -> 0.4 + 0.2 * Math.cos(t / 350.0)));
        TileKey llama = TileKey.endpoint("llama-onprem");
        m.put(Charts.key(llama, Metric.P95_MS), series(t -> t > 3000 ? 95 : 880 + 90 * Math.sin(t / 200.0)));
        m.put(Charts.key(llama, Metric.AVG_MS), series(t -> t > 3000 ? 95 : 880 + 90 * Math.sin(t / 200.0)));
        m.put(Charts.key(TileKey.probe("llama-onprem"), Metric.PROBE_MS), series(t -> t > 3000 ? 9 : 45 + 5 * Math.sin(t / 100.0)));
        m.put(Charts.key(llama, Metric.ERROR_PCT), series(t -> t > 3000 ? 96 : 1.0));
        return m;
    }

    /** 120 points, one every 30 s, ending at T0; {@code f} gets the seconds since the start of the hour. */
    private static Series series(java.util.function.DoubleUnaryOperator f) {
        long[] times = new long[120];
        double[] values = new double[120];
        long start = T0.minusSeconds(3600).toEpochMilli();
        for (int i = 0; i < 120; i++) {
            times[i] = start + (i + 1) * 30_000L;
            values[i] = f.applyAsDouble((i + 1) * 30.0);
        }
        return new Series(times, values);
    }

    public static WallSnapshot snapshot() {
        return new WallSnapshot(T0, sources(), readings(), sparklines());
    }

    /** SLA figures by the documented rule: uptime = up / (up + down), budget = (1 - target) x measured. */
    public static SlaFigures figures(SlaWindow w, double target, double up, double down, double unknown, double maintenance) {
        double measured = up + down;
        Double uptime = measured == 0 ? null : 100 * up / measured;
        double budget = (1 - target / 100) * measured;
        Double burn = measured == 0 ? null : (down / measured) / (1 - target / 100);
        return new SlaFigures(w, w.start(NOW, ZoneOffset.UTC), NOW, target, up, down, unknown, maintenance, uptime,
                budget, budget - down, burn);
    }

    public static SlaBoard slaBoard() {
        Map<String, Map<SlaWindow, SlaFigures>> all = new HashMap<>();
        Map<SlaWindow, SlaFigures> chat = new EnumMap<>(SlaWindow.class);
        chat.put(SlaWindow.LAST_24H, figures(SlaWindow.LAST_24H, 99.5, 86_100, 0, 300, 0));
        chat.put(SlaWindow.LAST_7D, figures(SlaWindow.LAST_7D, 99.5, 603_000, 300, 1_500, 0));
        chat.put(SlaWindow.LAST_30D, figures(SlaWindow.LAST_30D, 99.5, 2_585_000, 600, 4_000, 3_600));
        chat.put(SlaWindow.MONTH, figures(SlaWindow.MONTH, 99.5, 1_900_000, 600, 2_000, 3_600));
        chat.put(SlaWindow.LAST_90D, figures(SlaWindow.LAST_90D, 99.5, 7_750_000, 2_400, 20_000, 7_200));
        all.put("chat-azure", chat);
        Map<SlaWindow, SlaFigures> llama = new EnumMap<>(SlaWindow.class);
        llama.put(SlaWindow.LAST_24H, figures(SlaWindow.LAST_24H, 99.5, 84_000, 2_400, 0, 0));
        llama.put(SlaWindow.LAST_7D, figures(SlaWindow.LAST_7D, 99.5, 598_000, 6_000, 800, 0));
        llama.put(SlaWindow.LAST_30D, figures(SlaWindow.LAST_30D, 99.5, 2_570_000, 16_000, 6_000, 0));
        llama.put(SlaWindow.MONTH, figures(SlaWindow.MONTH, 99.5, 1_880_000, 15_000, 3_000, 0));
        llama.put(SlaWindow.LAST_90D, figures(SlaWindow.LAST_90D, 99.5, 7_700_000, 30_000, 40_000, 0));
        all.put("llama-onprem", llama);
        Map<SlaWindow, SlaFigures> claude = new EnumMap<>(SlaWindow.class);
        for (SlaWindow w : SlaWindow.values()) {
            claude.put(w, figures(w, 99.9, 1_000_000, 700, 0, 0));
        }
        all.put("claude-bedrock", claude);
        Map<SlaWindow, SlaFigures> vertex = new EnumMap<>(SlaWindow.class);
        vertex.put(SlaWindow.MONTH, figures(SlaWindow.MONTH, 99.5, 1_500_000, 0, 400_000, 0));
        all.put("vertex-gemini", vertex);
        return new SlaBoard(NOW, all);
    }

    /** A view context over a mutable current snapshot; listeners are collected so tests can publish. */
    public static ViewContext context(java.util.concurrent.atomic.AtomicReference<WallSnapshot> current,
                               List<Consumer<WallSnapshot>> listeners, SlaBoard board) {
        return new ViewContext(config(), Clock.fixed(NOW, ZoneOffset.UTC), current::get, l -> {
            listeners.add(l);
            return () -> listeners.remove(l);
        }, FxExecutor.FX, () -> board);
    }

    /** Demo-flagged copy of the readings, for the DEMO marking. */
    public static List<Reading> asDemo(List<Reading> readings) {
        return readings.stream().map(r -> new Reading(r.key(), r.model(), r.sourceId(), r.sampledAt(), r.metrics(),
                Set.of(Flag.DEMO))).toList();
    }
}
