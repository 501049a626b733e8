package io.watchfloor.app.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.watchfloor.app.ui.wall.HostGroup;
import io.watchfloor.app.ui.wall.WallPresenter;
import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TileState;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;

/**
 * The wall's state as JSON for scripts and chat bots: sources with their states, GPU and host tiles with
 * status, age, flags and metrics, and the Endpoints band's endpoints (as in the endpoints view's JSON, under
 * "endpoints", with their counts under "endpointCounts"). A metric without a reading is written as null, never 0.
 */
public final class WallStateJson {
    /** Metrics always present in a GPU tile's "metrics" object (null when there is no reading). */
    private static final Metric[] GPU_METRICS = {
        Metric.UTIL_PCT, Metric.MEM_USED_MIB, Metric.MEM_TOTAL_MIB, Metric.TEMP_C, Metric.POWER_W};

    private WallStateJson() {
    }

    public static void write(WallPresenter.WallModel model, Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("view", "wall");
            g.writeStringField("generatedAt", model.at().toString());
            g.writeArrayFieldStart("sources");
            for (SourceStatus s : model.sources()) {
                writeSource(g, s);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("counts");
            for (var e : model.counts().entrySet()) {
                g.writeNumberField(e.getKey().wireName(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("tiles");
            for (HostGroup h : model.hosts()) {
                for (TileState t : h.tiles()) {
                    writeTile(g, t);
                }
            }
            g.writeEndArray();
            g.writeFieldName("endpointCounts");
            g.writeStartObject();
            for (var s : io.watchfloor.model.endpoint.EndpointStatus.values()) {
                g.writeNumberField(s.wireName(), model.endpoints().counts().getOrDefault(s, 0));
            }
            g.writeEndObject();
            EndpointsStateJson.writeEndpoints(g, model.endpoints());
            g.writeEndObject();
        }
    }

    static void writeSource(JsonGenerator g, SourceStatus s) throws IOException {
        writeSource(g, s, null);
    }

    /** @param costNote what polling the source costs, written only when there is one */
    static void writeSource(JsonGenerator g, SourceStatus s, String costNote) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("type", s.type());
        g.writeStringField("state", s.state().wireName());
        g.writeStringField("since", str(s.since()));
        g.writeStringField("lastError", s.lastError());
        g.writeStringField("lastSuccessAt", str(s.lastSuccessAt()));
        g.writeNumberField("consecutiveFailures", s.consecutiveFailures());
        if (costNote != null) {
            g.writeStringField("costNote", costNote);
        }
        g.writeEndObject();
    }

    private static void writeTile(JsonGenerator g, TileState t) throws IOException {
        Reading r = t.reading();
        g.writeStartObject();
        g.writeStringField("id", r.tileId());
        g.writeStringField("kind", r.key().kind().wireName());
        g.writeStringField("host", r.key().host());
        g.writeStringField("gpu", r.key().gpu());
        g.writeStringField("uuid", r.key().uuid());
        g.writeStringField("mig", r.key().migInstance());
        g.writeStringField("model", r.model());
        g.writeStringField("source", r.sourceId());
        g.writeStringField("status", t.status().wireName());
        g.writeStringField("reason", t.reason());
        g.writeNumberField("ageSeconds", Math.round(t.ageSeconds() * 10) / 10.0);
        g.writeStringField("sampledAt", r.sampledAt().toString());
        g.writeArrayFieldStart("flags");
        for (Flag f : r.flags()) {
            g.writeString(f.wireName());
        }
        g.writeEndArray();
        g.writeObjectFieldStart("metrics");
        for (Metric m : GPU_METRICS) {
            writeMetric(g, r, m);
        }
        for (Metric m : Metric.values()) {
            if (r.has(m) && !isGpuMetric(m)) {
                writeMetric(g, r, m);
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeMetric(JsonGenerator g, Reading r, Metric m) throws IOException {
        Double v = r.value(m);
        if (v == null) {
            g.writeNullField(m.wireName());
        } else {
            g.writeNumberField(m.wireName(), v);
        }
    }

    private static boolean isGpuMetric(Metric m) {
        for (Metric x : GPU_METRICS) {
            if (x == m) {
                return true;
            }
        }
        return false;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
