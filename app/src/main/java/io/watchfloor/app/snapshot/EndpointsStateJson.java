package io.watchfloor.app.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.watchfloor.app.ui.endpoints.EndpointRow;
import io.watchfloor.app.ui.endpoints.EndpointsPresenter;
import io.watchfloor.model.Metric;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.endpoint.EndpointState;
import io.watchfloor.model.endpoint.EndpointStatus;
import io.watchfloor.model.endpoint.SlaFigures;
import io.watchfloor.model.endpoint.SlaWindow;
import java.io.IOException;
import java.io.Writer;
import java.util.EnumSet;
import java.util.Set;

/**
 * The Endpoints page's state as JSON (`watchfloor snapshot --view endpoints --state FILE`): every endpoint with its
 * status, age, normalised metrics, probe and SLA. A figure the provider does not give is null, never 0.
 *
 * <pre>
 * endpoints[]: id, name, provider, configured, demo, status (up|degraded|down|unknown), reason, ageSeconds,
 *   metrics {rpm, error_pct, throttle_pct, p50_ms, p95_ms, tokens_in_pm, tokens_out_pm, + any other provider figure},
 *   latency_is_average, probe {up, ms, http_status, tls_days_left, outcome} (null when not probed),
 *   sla {target_pct, window: "month", uptime_pct, budget_left_s, up_s, down_s, unknown_s, maintenance_s, burn_rate},
 *   sla_windows {"24h": {...}, "7d", "30d", "month", "90d"}
 * </pre>
 */
public final class EndpointsStateJson {
    /** Always written (null when absent), in this order. */
    static final Metric[] METRICS = {Metric.REQUESTS_PM, Metric.ERROR_PCT, Metric.THROTTLE_PCT, Metric.P50_MS,
        Metric.P95_MS, Metric.TOKENS_IN_PM, Metric.TOKENS_OUT_PM};
    /** The probe's figures go under "probe", not "metrics". */
    static final Set<Metric> PROBE_METRICS = EnumSet.of(Metric.PROBE_UP, Metric.PROBE_MS, Metric.PROBE_HTTP_STATUS,
            Metric.TLS_DAYS_LEFT);

    private EndpointsStateJson() {
    }

    public static void write(EndpointsPresenter.EndpointsModel model, Writer out) throws IOException {
        write(model, java.util.Map.of(), out);
    }

    /** @param costs what polling each source costs (source id to text), written as "costNote" on its source */
    public static void write(EndpointsPresenter.EndpointsModel model, java.util.Map<String, String> costs, Writer out)
            throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("view", "endpoints");
            g.writeStringField("generatedAt", model.at().toString());
            g.writeBooleanField("demo", model.demo());
            g.writeArrayFieldStart("sources");
            for (SourceStatus s : model.sources()) {
                WallStateJson.writeSource(g, s, costs.get(s.id()));
            }
            g.writeEndArray();
            writeCounts(g, model);
            writeEndpoints(g, model);
            g.writeEndObject();
        }
    }

    static void writeCounts(JsonGenerator g, EndpointsPresenter.EndpointsModel model) throws IOException {
        g.writeObjectFieldStart("counts");
        for (EndpointStatus s : EndpointStatus.values()) {
            g.writeNumberField(s.wireName(), model.counts().getOrDefault(s, 0));
        }
        g.writeEndObject();
    }

    static void writeEndpoints(JsonGenerator g, EndpointsPresenter.EndpointsModel model) throws IOException {
        g.writeArrayFieldStart("endpoints");
        for (EndpointRow r : model.rows()) {
            writeEndpoint(g, r);
        }
        g.writeEndArray();
    }

    private static void writeEndpoint(JsonGenerator g, EndpointRow row) throws IOException {
        EndpointState s = row.state();
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("name", s.name());
        g.writeStringField("provider", s.provider());
        g.writeBooleanField("configured", s.configured());
        g.writeBooleanField("demo", s.demo());
        g.writeStringField("status", s.status().wireName());
        g.writeStringField("reason", s.reason());
        number(g, "ageSeconds", s.ageSeconds() == null ? null : Math.round(s.ageSeconds() * 10) / 10.0);
        g.writeObjectFieldStart("metrics");
        for (Metric m : METRICS) {
            number(g, m.wireName(), s.value(m));
        }
        for (Metric m : Metric.values()) {
            if (s.metrics().containsKey(m) && !PROBE_METRICS.contains(m) && !isListed(m)) {
                number(g, m.wireName(), s.value(m));
            }
        }
        g.writeEndObject();
        g.writeBooleanField("latency_is_average", s.latencyIsAverage());
        writeProbe(g, s);
        g.writeFieldName("sla");
        writeSla(g, row.month(), SlaWindow.MONTH, s.slaTargetPct());
        g.writeObjectFieldStart("sla_windows");
        for (SlaWindow w : SlaWindow.values()) {
            g.writeFieldName(w.wireName());
            writeSla(g, row.sla().get(w), w, s.slaTargetPct());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeProbe(JsonGenerator g, EndpointState s) throws IOException {
        boolean probed = s.probeOutcome() != null || PROBE_METRICS.stream().anyMatch(s.metrics()::containsKey);
        if (!probed) {
            g.writeNullField("probe");
            return;
        }
        g.writeObjectFieldStart("probe");
        Double up = s.value(Metric.PROBE_UP);
        if (up == null) {
            g.writeNullField("up"); // the console could not judge
        } else {
            g.writeBooleanField("up", up >= 0.5);
        }
        number(g, "ms", s.value(Metric.PROBE_MS));
        Double http = s.value(Metric.PROBE_HTTP_STATUS);
        if (http == null) {
            g.writeNullField("http_status");
        } else {
            g.writeNumberField("http_status", http.intValue());
        }
        number(g, "tls_days_left", s.value(Metric.TLS_DAYS_LEFT));
        g.writeStringField("outcome", s.probeOutcome());
        g.writeEndObject();
    }

    /** An SLA window's figures; every figure null when not computed (yet), the target always there. */
    private static void writeSla(JsonGenerator g, SlaFigures f, SlaWindow w, double targetPct) throws IOException {
        g.writeStartObject();
        g.writeNumberField("target_pct", f == null ? targetPct : f.targetPct());
        g.writeStringField("window", w.wireName());
        boolean measured = f != null && f.uptimePct() != null;
        number(g, "uptime_pct", f == null ? null : f.uptimePct());
        number(g, "budget_left_s", measured ? f.budgetLeftSeconds() : null);
        number(g, "budget_s", measured ? f.budgetSeconds() : null);
        number(g, "up_s", f == null ? null : f.upSeconds());
        number(g, "down_s", f == null ? null : f.downSeconds());
        number(g, "unknown_s", f == null ? null : f.unknownSeconds());
        number(g, "maintenance_s", f == null ? null : f.maintenanceSeconds());
        number(g, "burn_rate", f == null ? null : f.burnRate());
        g.writeStringField("from", f == null || f.from() == null ? null : f.from().toString());
        g.writeStringField("to", f == null || f.to() == null ? null : f.to().toString());
        g.writeEndObject();
    }

    private static boolean isListed(Metric m) {
        for (Metric x : METRICS) {
            if (x == m) {
                return true;
            }
        }
        return false;
    }

    private static void number(JsonGenerator g, String name, Double v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }
}
