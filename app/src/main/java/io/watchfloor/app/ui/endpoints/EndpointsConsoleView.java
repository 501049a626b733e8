package io.watchfloor.app.ui.endpoints;

import io.watchfloor.app.snapshot.EndpointsStateJson;
import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.LiveFeed;
import io.watchfloor.app.ui.ViewContext;
import java.io.IOException;
import java.io.Writer;
import javafx.scene.layout.Region;

/** The Endpoints page as a console view ("endpoints"): view model + view + its engine subscription while shown. */
public final class EndpointsConsoleView implements ConsoleView {
    private final ViewContext context;
    private final EndpointsViewModel vm;
    private final EndpointsView view;
    private final LiveFeed feed;

    public EndpointsConsoleView(ViewContext context) {
        this.context = context;
        this.vm = new EndpointsViewModel(EndpointsPresenter.forConfig(context.config()), context.clock(),
                context.sla(), context.current().get());
        this.view = new EndpointsView(vm);
        this.feed = new LiveFeed(context, vm::accept, "the endpoints page");
        view.setSourceNotes(context.sourceNotes());
    }

    @Override
    public Region node() {
        return view.node();
    }

    @Override
    public void activate() {
        feed.open();
        view.activate();
    }

    @Override
    public void deactivate() {
        view.deactivate();
        feed.close();
    }

    @Override
    public void refresh() {
        vm.accept(context.current().get());
    }

    @Override
    public void writeState(Writer out) throws IOException {
        EndpointsStateJson.write(vm.model(), context.sourceNotes(), out);
    }

    public EndpointsView endpoints() {
        return view;
    }
}
