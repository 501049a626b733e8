package io.watchfloor.app.ui.incidents;

import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.ViewContext;
import java.io.IOException;
import java.io.Writer;
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
        view.detail().setShells(io.watchfloor.app.ui.access.ShellLauncher.of(context));
        if (context.config().sources().stream().noneMatch(src -> "alertmanager".equals(src.type()))) {
            // a first run with the bundled example: say where incidents come from instead of an empty list
            view.setEmptyText("No incidents. No alert source is configured: add one under sources: with "
                    + "type: alertmanager (see the README). \"Open incident…\" opens one by hand.");
        }
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
        // most urgent first, as the list shows them
        io.watchfloor.app.snapshot.IncidentsStateJson.write(vm.board(),
                vm.board().incidents().stream().sorted(IncidentOrder.urgency()).toList(), vm.now(), out);
    }

    public IncidentsView incidents() {
        return view;
    }

    public IncidentsViewModel model() {
        return vm;
    }
}
