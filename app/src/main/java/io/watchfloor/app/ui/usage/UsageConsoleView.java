package io.watchfloor.app.ui.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.usage.ReportScope;
import io.watchfloor.usage.ReportWindow;
import io.watchfloor.usage.UsageReport;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.Executor;
import javafx.scene.layout.Region;

/** The Usage page as a console view ("usage"): builds its first report when first shown, then on each choice. */
public final class UsageConsoleView implements ConsoleView {
    private final UsageViewModel vm;
    private final UsageView view;
    private boolean started;

    public UsageConsoleView(ViewContext context) {
        this(context, Background.EXECUTOR);
    }

    /** @param background where reports are built and written (tests pass their own) */
    public UsageConsoleView(ViewContext context, Executor background) {
        this.vm = new UsageViewModel(context.usage(), context.config(), context.clock(), context.fx(), background,
                ReportFiles::write);
        this.view = new UsageView(vm);
    }

    @Override
    public Region node() {
        return view.node();
    }

    @Override
    public void activate() {
        if (!started) {
            started = true;
            vm.start();
        }
    }

    @Override
    public void deactivate() {
        // nothing runs while hidden: a report is built only when asked for
    }

    /** Builds the chosen report again (new data has come in since); the first time, starts the page. */
    @Override
    public void refresh() {
        if (!started) {
            activate();
        } else {
            vm.rebuild();
        }
    }

    /** Shows the {@code kind} report of the period containing {@code day} (for snapshots of a chosen period). */
    public void show(io.watchfloor.usage.ReportKind kind, java.time.LocalDate day) {
        activate();
        vm.selectKind(kind);
        vm.pickDay(day);
    }

    /** view, scope {kind, id}, kind, window {firstDay, lastDay, zone, label}, state, hasData, endpoints, problem. */
    @Override
    public void writeState(Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("view", "usage");
            ReportScope scope = vm.scopeProperty().get();
            if (scope == null) {
                g.writeNullField("scope");
            } else {
                g.writeObjectFieldStart("scope");
                g.writeStringField("kind", scope.kind().name().toLowerCase(java.util.Locale.ROOT));
                g.writeStringField("id", scope.id());
                g.writeEndObject();
            }
            g.writeStringField("kind", vm.kindProperty().get().wireName());
            ReportWindow w = vm.windowProperty().get();
            if (w == null) {
                g.writeNullField("window");
            } else {
                g.writeObjectFieldStart("window");
                g.writeStringField("firstDay", w.firstDay().toString());
                g.writeStringField("lastDay", w.lastDay().toString());
                g.writeStringField("zone", w.zone().getId());
                g.writeStringField("label", w.label());
                g.writeEndObject();
            }
            g.writeStringField("state", vm.stateProperty().get().name().toLowerCase(java.util.Locale.ROOT));
            UsageReport r = vm.reportProperty().get();
            if (r == null) {
                g.writeNullField("hasData");
            } else {
                g.writeBooleanField("hasData", r.hasData());
                g.writeNumberField("endpoints", r.endpoints().size());
            }
            String problem = vm.problemProperty().get();
            if (problem == null || problem.isEmpty()) {
                g.writeNullField("problem");
            } else {
                g.writeStringField("problem", problem);
            }
            g.writeEndObject();
        }
    }

    public UsageView usage() {
        return view;
    }

    public UsageViewModel model() {
        return vm;
    }
}
