package io.watchfloor.model.endpoint;

import io.watchfloor.model.Ages;
import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TileKind;
import io.watchfloor.model.WallSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Judges every LLM endpoint from the latest snapshot: its provider metrics (ENDPOINT readings) and the console's own
 * probe (PROBE readings), matched to the endpoint by {@code key.host() == endpoint id}. Pure and cheap: views call it
 * on every refresh so ages grow and evidence goes stale between polls.
 *
 * <p>Evidence: a reading counts only while it is fresh (no older than three intervals of its source, and never less
 * than 15 s, as on the GPU wall) and its source is not DOWN or failing auth. A probe that could not judge (no
 * PROBE_UP: the console's own network was down) is no evidence either way. Provider metrics of an endpoint with no
 * traffic say nothing about it (clouds publish nothing then), unless they include availability or come from the
 * server itself (vLLM/TGI running/waiting requests, KV cache).
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>UNKNOWN when there is no evidence, saying why: no data yet, the source is down or failing auth, the data is
 *       too old, or the probe could not judge.</li>
 *   <li>DOWN when the probe failed (PROBE_UP 0); without a probe verdict, when availability is below 50% or the
 *       server-error share reaches the endpoint's {@code sla.serverErrorPct}. A passing probe outranks provider
 *       metrics: clients' failures then show as DEGRADED.</li>
 *   <li>DEGRADED when errors reach 5%, throttles 10%, p95 (or the average where that is all) reaches
 *       {@code sla.slowP95Ms}, the probe takes that long, or the TLS certificate expires within 14 days; every
 *       reason that applies is listed.</li>
 *   <li>UP otherwise.</li>
 * </ol>
 *
 * <p>Endpoints come from the configuration, plus every endpoint id that has readings but no config entry (a demo
 * source, a Prometheus source that discovers vLLM servers): those are shown with default SLA figures and the
 * provider named by their readings, so nothing a source reports is hidden.
 */
public final class EndpointEvaluator {
    public static final double ERROR_PCT_DEGRADED = 5;
    public static final double THROTTLE_PCT_DEGRADED = 10;
    public static final double TLS_DAYS_DEGRADED = 14;
    public static final double AVAILABILITY_PCT_DOWN = 50;
    /** A reading whose source's interval is unknown is judged as if polled every 10 s. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    static final Duration MIN_STALE_AFTER = Duration.ofSeconds(15);
    private static final Pattern PROVIDER_WORD = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * The SLA settings that drive the status (mirrors the config's {@code sla:}; the model cannot see config types).
     *
     * @param serverErrorPct without a probe verdict, a server-error share at or above this is DOWN
     * @param slowP95Ms      p95 (or average) latency at which the endpoint is DEGRADED
     */
    public record Sla(double targetPct, double serverErrorPct, double slowP95Ms) {
    }

    /**
     * A configured endpoint, as far as judging it needs.
     *
     * @param sourceId      the source reading its metrics, null when none (named in UNKNOWN reasons)
     * @param probeInterval the probe's interval, null when not probed (used when the probe's source is not listed)
     */
    public record Endpoint(String id, String name, String provider, String sourceId, Duration probeInterval, Sla sla) {
        public Endpoint {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(sla, "sla");
            name = name == null ? id : name;
            provider = provider == null ? "unknown" : provider;
        }
    }

    private final List<Endpoint> configured;
    private final Sla unconfiguredSla;

    /** @param unconfiguredSla SLA settings for endpoints seen in readings but missing from the configuration */
    public EndpointEvaluator(List<Endpoint> configured, Sla unconfiguredSla) {
        this.configured = List.copyOf(configured);
        this.unconfiguredSla = Objects.requireNonNull(unconfiguredSla, "unconfiguredSla");
    }

    /** Every endpoint, configured ones in config order, then the others by id. */
    public List<EndpointState> evaluate(WallSnapshot snapshot, Instant now) {
        Map<String, SourceStatus> sources = new HashMap<>();
        snapshot.sources().forEach(s -> sources.put(s.id(), s));
        Map<String, Reading> provider = new HashMap<>();
        Map<String, Reading> probe = new HashMap<>();
        for (Reading r : snapshot.readings()) {
            if (r.key().kind() == TileKind.ENDPOINT) {
                provider.merge(r.key().host(), r, EndpointEvaluator::newer);
            } else if (r.key().kind() == TileKind.PROBE) {
                probe.merge(r.key().host(), r, EndpointEvaluator::newer);
            }
        }
        List<EndpointState> out = new ArrayList<>(configured.size());
        Set<String> seen = new java.util.HashSet<>();
        for (Endpoint e : configured) {
            if (seen.add(e.id())) {
                out.add(evaluate(e, true, provider.get(e.id()), probe.get(e.id()), sources, now));
            }
        }
        Map<String, Endpoint> others = new TreeMap<>();
        for (String id : concat(provider.keySet(), probe.keySet())) {
            if (!seen.contains(id)) {
                others.put(id, new Endpoint(id, id, providerOf(provider.get(id)), null, null, unconfiguredSla));
            }
        }
        others.values().forEach(e -> out.add(evaluate(e, false, provider.get(e.id()), probe.get(e.id()), sources, now)));
        return List.copyOf(out);
    }

    /** Judges one endpoint from its latest provider and probe readings (either may be null). */
    static EndpointState evaluate(Endpoint e, boolean configured, Reading provider, Reading probe,
                                  Map<String, SourceStatus> sources, Instant now) {
        Evidence pv = Evidence.of(provider, sources, null, now);
        Evidence pr = Evidence.of(probe, sources, e.probeInterval(), now);
        boolean demo = hasDemoFlag(provider) || hasDemoFlag(probe);
        String outcome = probe == null ? null : probe.model();
        boolean anyFresh = pv.usable() || pr.usable();

        // what is shown: fresh readings only, or, when nothing is fresh, the last known values (greyed on screen)
        Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
        for (Evidence ev : new Evidence[] {pv, pr}) {
            if (ev.reading() != null && (ev.usable() || !anyFresh)) {
                metrics.putAll(ev.reading().metrics());
            }
        }
        Double age = anyFresh ? minAge(pv.usable() ? pv : null, pr.usable() ? pr : null) : minAge(pv, pr);
        boolean average = metrics.containsKey(Metric.AVG_MS) && !metrics.containsKey(Metric.P50_MS)
                && !metrics.containsKey(Metric.P95_MS);

        Verdict v = judge(e, pv, pr, metrics, sources);
        return new EndpointState(e.id(), e.name(), e.provider(), v.status(), v.reason(), age, metrics, outcome,
                average, e.sla().targetPct(), configured, demo);
    }

    private record Verdict(EndpointStatus status, String reason) {
    }

    private static Verdict judge(Endpoint e, Evidence pv, Evidence pr, Map<Metric, Double> m,
                                 Map<String, SourceStatus> sources) {
        Double probeUp = pr.usable() ? pr.reading().value(Metric.PROBE_UP) : null;
        boolean providerSpeaks = pv.usable() && saysSomething(pv.reading());
        if (probeUp == null && !providerSpeaks) {
            return new Verdict(EndpointStatus.UNKNOWN, whyUnknown(e, pv, pr, sources));
        }
        if (probeUp != null && probeUp < 0.5) {
            return new Verdict(EndpointStatus.DOWN, "probe: " + probeFailure(pr.reading()));
        }
        if (probeUp == null) {
            Double avail = m.get(Metric.AVAILABILITY_PCT);
            if (avail != null && avail < AVAILABILITY_PCT_DOWN) {
                return new Verdict(EndpointStatus.DOWN, "availability " + pct(avail));
            }
            Double server = m.get(Metric.SERVER_ERROR_PCT);
            if (server != null && server >= e.sla().serverErrorPct()) {
                return new Verdict(EndpointStatus.DOWN, "5xx " + pct(server));
            }
        }
        List<String> reasons = new ArrayList<>();
        errorReason(m).ifPresent(reasons::add);
        Double throttle = m.get(Metric.THROTTLE_PCT);
        if (throttle != null && throttle >= THROTTLE_PCT_DEGRADED) {
            reasons.add("throttled " + pct(throttle));
        }
        Double p95 = m.get(Metric.P95_MS);
        Double latency = p95 != null ? p95 : m.get(Metric.AVG_MS);
        if (latency != null && latency >= e.sla().slowP95Ms()) {
            reasons.add((p95 != null ? "p95 " : "avg ") + millis(latency));
        }
        Double probeMs = pr.usable() ? m.get(Metric.PROBE_MS) : null;
        if (probeMs != null && probeMs >= e.sla().slowP95Ms()) {
            reasons.add("probe " + millis(probeMs));
        }
        Double tls = pr.usable() ? m.get(Metric.TLS_DAYS_LEFT) : null;
        if (tls != null && tls < TLS_DAYS_DEGRADED) {
            reasons.add(tls < 0 ? "TLS cert expired" : "TLS cert expires in " + (long) Math.floor(tls) + " d");
        }
        if (!reasons.isEmpty()) {
            return new Verdict(EndpointStatus.DEGRADED, String.join(" · ", reasons));
        }
        return new Verdict(EndpointStatus.UP, "");
    }

    /** Errors as operators name them: the server's share when that is what crosses the line, else clients', else all. */
    private static java.util.Optional<String> errorReason(Map<Metric, Double> m) {
        Double server = m.get(Metric.SERVER_ERROR_PCT);
        Double client = m.get(Metric.CLIENT_ERROR_PCT);
        Double all = m.get(Metric.ERROR_PCT);
        if (all == null && (server != null || client != null)) {
            all = (server == null ? 0 : server) + (client == null ? 0 : client);
        }
        if (all == null || all < ERROR_PCT_DEGRADED) {
            return java.util.Optional.empty();
        }
        if (server != null && server >= ERROR_PCT_DEGRADED) {
            return java.util.Optional.of("5xx " + pct(server));
        }
        if (client != null && client >= ERROR_PCT_DEGRADED) {
            return java.util.Optional.of("4xx " + pct(client));
        }
        return java.util.Optional.of("errors " + pct(all));
    }

    private static String whyUnknown(Endpoint e, Evidence pv, Evidence pr, Map<String, SourceStatus> sources) {
        Set<String> troubles = new LinkedHashSet<>();
        for (Evidence ev : new Evidence[] {pv, pr}) {
            if (ev.reading() != null && ev.sourceTrouble() != null) {
                troubles.add(ev.sourceTrouble());
            }
        }
        if (pv.reading() == null && e.sourceId() != null) {
            SourceStatus s = sources.get(e.sourceId());
            if (s != null && troubled(s)) {
                troubles.add(sourceText(s));
            }
        }
        if (!troubles.isEmpty()) {
            return "no data: " + String.join(", ", troubles);
        }
        if (pr.usable()) {
            // fresh probe without a verdict: the console could not reach the endpoint's network
            String detail = pr.reading().model();
            return "probe could not judge" + (detail == null || detail.isBlank() ? "" : ": " + detail);
        }
        if (pv.usable()) {
            return "no traffic, no probe";
        }
        Double age = minAge(pv, pr);
        if (age == null) {
            return "no data yet";
        }
        return "no data for " + Ages.format(age);
    }

    /** Whether a provider reading tells anything about the endpoint: traffic, availability or the server's own gauges. */
    static boolean saysSomething(Reading r) {
        if (r.has(Metric.AVAILABILITY_PCT) || r.has(Metric.REQUESTS_RUNNING) || r.has(Metric.REQUESTS_WAITING)
                || r.has(Metric.KV_CACHE_PCT)) {
            return true;
        }
        Double rpm = r.value(Metric.REQUESTS_PM);
        if (rpm != null) {
            return rpm > 0;
        }
        // no request count: any error or latency figure still means requests were served
        return r.has(Metric.ERROR_PCT) || r.has(Metric.SERVER_ERROR_PCT) || r.has(Metric.P95_MS)
                || r.has(Metric.P50_MS) || r.has(Metric.AVG_MS);
    }

    private static String probeFailure(Reading probe) {
        String text = probe.model();
        if (text != null && !text.isBlank()) {
            return text;
        }
        Double status = probe.value(Metric.PROBE_HTTP_STATUS);
        return status == null ? "failed" : "HTTP " + status.intValue();
    }

    /**
     * The provider named by an unconfigured endpoint's readings: the first word of the ENDPOINT reading's
     * description ("bedrock us-east-1 ...", sources write {@code EndpointConfig.describe()} there), else "unknown".
     */
    static String providerOf(Reading r) {
        if (r == null || r.model() == null) {
            return "unknown";
        }
        for (String word : r.model().trim().split("\\s+")) {
            if (word.equalsIgnoreCase("DEMO")) {
                continue;
            }
            String w = word.toLowerCase(Locale.ROOT);
            return PROVIDER_WORD.matcher(w).matches() ? w : "unknown";
        }
        return "unknown";
    }

    /** A reading with what is known about its freshness and its source. */
    private record Evidence(Reading reading, double ageSeconds, boolean usable, String sourceTrouble) {
        static Evidence of(Reading r, Map<String, SourceStatus> sources, Duration fallbackInterval, Instant now) {
            if (r == null) {
                return new Evidence(null, 0, false, null);
            }
            double age = Math.max(0, Duration.between(r.sampledAt(), now).toMillis() / 1000.0);
            SourceStatus s = sources.get(r.sourceId());
            if (s != null && troubled(s)) {
                return new Evidence(r, age, false, sourceText(s));
            }
            Duration interval = s != null && s.interval() != null ? s.interval()
                    : fallbackInterval != null ? fallbackInterval : DEFAULT_INTERVAL;
            Duration staleAfter = interval.multipliedBy(3);
            if (staleAfter.compareTo(MIN_STALE_AFTER) < 0) {
                staleAfter = MIN_STALE_AFTER;
            }
            return new Evidence(r, age, age <= staleAfter.toMillis() / 1000.0, null);
        }
    }

    private static boolean troubled(SourceStatus s) {
        return s.state() == SourceState.DOWN || s.state().isAuthProblem();
    }

    private static String sourceText(SourceStatus s) {
        return "source " + s.id() + " " + s.state().name().replace('_', ' ');
    }

    private static Double minAge(Evidence a, Evidence b) {
        Double out = null;
        for (Evidence e : new Evidence[] {a, b}) {
            if (e != null && e.reading() != null && (out == null || e.ageSeconds() < out)) {
                out = e.ageSeconds();
            }
        }
        return out;
    }

    private static boolean hasDemoFlag(Reading r) {
        return r != null && r.flags().contains(Flag.DEMO);
    }

    private static Reading newer(Reading a, Reading b) {
        return b.sampledAt().isAfter(a.sampledAt()) ? b : a;
    }

    private static Set<String> concat(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    /** "7.2%" below 10, "12%" above: one decimal only where it matters. */
    static String pct(double v) {
        return (Math.abs(v) < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.valueOf(Math.round(v))) + "%";
    }

    /** "640 ms", "6.2 s". */
    static String millis(double ms) {
        return ms < 1000 ? Math.round(ms) + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }
}
