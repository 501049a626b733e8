package io.watchfloor.app.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.watchfloor.incidents.DeliveryStatus;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentBoard;
import io.watchfloor.incidents.LinkedAlert;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The incidents' state as JSON, for scripts and chat bots: `watchfloor snapshot --view incidents --state FILE` and
 * `watchfloor incident list --json` write the same objects. Times are ISO-8601 UTC; what has not happened yet is
 * null (never 0 or "").
 *
 * <pre>
 * view: "incidents", generatedAt,
 * incidents[]: id, title, severity (P1..P4), status (triage|investigating|mitigated|resolved|closed),
 *   openedAt, detectedAt, ackDeadline, acknowledgedAt, acknowledgedBy,
 *   responseState (counting|breached|met|met_late), ackRemainingSeconds (negative once breached, null once
 *   acknowledged), responseBreachedAt, mitigatedAt, resolvedAt, closedAt, lead,
 *   alerts [fingerprint], alertDetails [{fingerprint, alertname, source, state, startsAt, resolvedAt, summary}],
 *   hosts [], endpoints [], checklist {done, total, requiredOpen},
 *   timeToAcknowledgeSeconds, timeToMitigateSeconds, timeToResolveSeconds
 * deliveries[]: id, kind, pending, failing, lastError, lastDeliveredAt, nextAttemptAt, givenUp
 * problems[]: kind (store|runbook), message
 * </pre>
 */
public final class IncidentsStateJson {
    private IncidentsStateJson() {
    }

    /** Every incident of the board (open ones and those resolved or closed recently). */
    public static void write(IncidentBoard board, Instant now, Writer out) throws IOException {
        write(board, board.incidents(), now, out);
    }

    /**
     * @param incidents the incidents to list (a selection of the board's, e.g. only the open ones)
     * @param now       the time response timers are read at; also "generatedAt"
     */
    public static void write(IncidentBoard board, List<Incident> incidents, Instant now, Writer out)
            throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("view", "incidents");
            g.writeStringField("generatedAt", now.toString());
            g.writeArrayFieldStart("incidents");
            for (Incident i : incidents) {
                writeIncident(g, i, now);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("deliveries");
            for (DeliveryStatus d : board.deliveries()) {
                writeDelivery(g, d);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("problems");
            if (board.storeProblem() != null) {
                writeProblem(g, "store", board.storeProblem());
            }
            for (String p : board.runbookProblems()) {
                writeProblem(g, "runbook", p);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    static void writeIncident(JsonGenerator g, Incident i, Instant now) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", i.id());
        g.writeStringField("title", i.title());
        g.writeStringField("severity", i.severity().name());
        g.writeStringField("status", i.status().wireName());
        time(g, "openedAt", i.openedAt());
        time(g, "detectedAt", i.detectedAt());
        time(g, "ackDeadline", i.ackDeadline());
        time(g, "acknowledgedAt", i.acknowledgedAt());
        g.writeStringField("acknowledgedBy", i.acknowledgedBy());
        g.writeStringField("responseState", i.responseState(now).name().toLowerCase(Locale.ROOT));
        seconds(g, "ackRemainingSeconds", i.ackRemaining(now));
        time(g, "responseBreachedAt", i.responseBreachedAt());
        time(g, "mitigatedAt", i.mitigatedAt());
        time(g, "resolvedAt", i.resolvedAt());
        time(g, "closedAt", i.closedAt());
        g.writeStringField("lead", i.lead());
        g.writeArrayFieldStart("alerts");
        for (LinkedAlert a : i.alerts()) {
            g.writeString(a.fingerprint());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("alertDetails");
        for (LinkedAlert a : i.alerts()) {
            g.writeStartObject();
            g.writeStringField("fingerprint", a.fingerprint());
            g.writeStringField("alertname", a.alertname());
            g.writeStringField("source", a.sourceId());
            g.writeStringField("state", a.state().wireName());
            time(g, "startsAt", a.startsAt());
            time(g, "resolvedAt", a.resolvedAt());
            g.writeStringField("summary", a.summary());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "hosts", i.hosts());
        strings(g, "endpoints", i.endpoints());
        g.writeObjectFieldStart("checklist");
        g.writeNumberField("done", i.checklistDone());
        g.writeNumberField("total", i.checklistTotal());
        g.writeNumberField("requiredOpen", i.openRequiredSteps().size());
        g.writeEndObject();
        seconds(g, "timeToAcknowledgeSeconds", i.timeToAcknowledge());
        seconds(g, "timeToMitigateSeconds", i.timeToMitigate());
        seconds(g, "timeToResolveSeconds", i.timeToResolve());
        g.writeEndObject();
    }

    private static void writeDelivery(JsonGenerator g, DeliveryStatus d) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", d.channelId());
        g.writeStringField("kind", d.kind());
        g.writeNumberField("pending", d.pending());
        g.writeBooleanField("failing", d.failing());
        g.writeStringField("lastError", d.lastError());
        time(g, "lastDeliveredAt", d.lastDeliveredAt());
        time(g, "nextAttemptAt", d.nextAttemptAt());
        g.writeNumberField("givenUp", d.givenUp());
        g.writeEndObject();
    }

    private static void writeProblem(JsonGenerator g, String kind, String message) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", kind);
        g.writeStringField("message", message);
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void time(JsonGenerator g, String name, Instant at) throws IOException {
        g.writeStringField(name, at == null ? null : at.toString());
    }

    /** Whole seconds (rounded down, so a deadline 0.4 s away is 0 and one 0.4 s past is -1); null when absent. */
    private static void seconds(JsonGenerator g, String name, Duration d) throws IOException {
        if (d == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, d.getSeconds());
        }
    }
}
