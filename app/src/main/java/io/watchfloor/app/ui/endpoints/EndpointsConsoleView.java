package io.watchfloor.app.ui.endpoints;

import io.watchfloor.app.snapshot.EndpointsStateJson;
import io.watchfloor.app.ui.Coalescer;
import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.ViewContext;
import java.io.IOException;
import java.io.Writer;
import javafx.scene.layout.Region;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Endpoints page as a console view ("endpoints"): view model + view + its engine subscription while shown. */
public final class EndpointsConsoleView implements ConsoleView {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointsConsoleView.class);
    private final ViewContext context;
    private final EndpointsViewModel vm;
    private final EndpointsView view;
    private AutoCloseable subscription;

    public EndpointsConsoleView(ViewContext context) {
        this.context = context;
        this.vm = new EndpointsViewModel(EndpointsPresenter.forConfig(context.config()), context.clock(),
                context.sla(), context.current().get());
        this.view = new EndpointsView(vm);
        view.setSourceNotes(context.sourceNotes());
    }

    @Override
    public Region node() {
        return view.node();
    }

    @Override
    public void activate() {
        if (subscription == null) {
            subscription = context.subscribe().apply(new Coalescer<>(context.fx(), vm::accept));
        }
        view.activate();
    }

    @Override
    public void deactivate() {
        view.deactivate();
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("could not unsubscribe the endpoints page: {}", e.toString());
            }
            subscription = null;
        }
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
