package io.watchfloor.app.ui.incidents;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.LinkedAlert;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import javafx.scene.layout.Region;

/**
 * The Incidents page as a console view ("incidents"): view model + view, following the desk's boards while shown.
 */
public final class IncidentsConsoleView implements ConsoleView {
    private final IncidentsViewModel vm;
    private final IncidentsView view;

    public IncidentsConsoleView(ViewContext context) {
        this.vm = new IncidentsViewModel(context.incidents(), context.actor(), context.clock(), context.fx(),
                Background.EXECUTOR);
        this.view = new IncidentsView(vm, context.postmortem(), ZoneId.systemDefault());
    }

    @Override
    public Region node() {
        return view.node();
    }

    @Override
    public void activate() {
        view.activate();
    }

    @Override
    public void deactivate() {
        view.deactivate();
    }

    @Override
    public void refresh() {
        vm.reload();
    }

    @Override
    public void writeState(Writer out) throws IOException {
        // LEAD: replace with io.watchfloor.app.snapshot.IncidentsStateJson.write(vm.board(), vm.now(), out) once merged
        writeStateForNow(out);
    }

    /**
     * The state `watchfloor snapshot --view incidents` writes, until the snapshot package's IncidentsStateJson takes
     * over: {"incidents":[{id, title, severity, status, openedAt, ackDeadline, acknowledgedAt, alerts[fingerprints],
     * checklist {done, total}}]}, most urgent first.
     */
    private void writeStateForNow(Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart("incidents");
            for (Incident i : vm.board().incidents().stream().sorted(IncidentOrder.urgency()).toList()) {
                g.writeStartObject();
                g.writeStringField("id", i.id());
                g.writeStringField("title", i.title());
                g.writeStringField("severity", i.severity().name());
                g.writeStringField("status", i.status().wireName());
                writeInstant(g, "openedAt", i.openedAt());
                writeInstant(g, "ackDeadline", i.ackDeadline());
                writeInstant(g, "acknowledgedAt", i.acknowledgedAt());
                g.writeArrayFieldStart("alerts");
                for (LinkedAlert a : i.alerts()) {
                    g.writeString(a.fingerprint());
                }
                g.writeEndArray();
                g.writeObjectFieldStart("checklist");
                g.writeNumberField("done", i.checklistDone());
                g.writeNumberField("total", i.checklistTotal());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeInstant(JsonGenerator g, String field, Instant t) throws IOException {
        if (t == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, t.toString());
        }
    }

    public IncidentsView incidents() {
        return view;
    }

    public IncidentsViewModel model() {
        return vm;
    }
}
