package io.watchfloor.app.ui.wall;

import io.watchfloor.app.snapshot.WallStateJson;
import io.watchfloor.app.ui.Coalescer;
import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.LiveFeed;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.app.ui.endpoints.EndpointsPresenter;
import java.io.IOException;
import java.io.Writer;
import javafx.scene.layout.Region;

/**
 * The wall as a console view: view model + view + its engine subscription while shown, and the incident desk's boards
 * for the incident banner.
 */
public final class WallConsoleView implements ConsoleView {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WallConsoleView.class);
    private final ViewContext context;
    private final WallViewModel vm;
    private final WallView view;
    private final LiveFeed feed;
    private AutoCloseable incidents;

    public WallConsoleView(ViewContext context) {
        this.context = context;
        this.vm = new WallViewModel(new WallPresenter(context.evaluator(), context.config().wall().staleAfter(),
                EndpointsPresenter.forConfig(context.config())), context.clock(), context.sla(), context.current().get());
        this.view = new WallView(vm, context.config().wall().minTileWidth(), context.config().wall().rotate());
        this.feed = new LiveFeed(context, vm::accept, "the wall");
        view.setIncidents(context.incidents().board());
        view.setShells(io.watchfloor.app.ui.access.ShellLauncher.of(context));
    }

    @Override
    public Region node() {
        return view.node();
    }

    @Override
    public void activate() {
        feed.open();
        if (incidents == null) {
            // boards come on the desk's thread; the banner takes the newest once per pulse
            incidents = context.incidents().subscribe(new Coalescer<>(context.fx(), view::setIncidents));
            view.setIncidents(context.incidents().board());
        }
        view.activate();
    }

    @Override
    public void deactivate() {
        view.deactivate();
        feed.close();
        if (incidents != null) {
            try {
                incidents.close();
            } catch (Exception e) {
                LOG.warn("could not unsubscribe the wall's incident banner: {}", e.toString());
            }
            incidents = null;
        }
    }

    @Override
    public void refresh() {
        vm.accept(context.current().get());
        view.setIncidents(context.incidents().board());
    }

    @Override
    public void writeState(Writer out) throws IOException {
        WallStateJson.write(vm.model(), out);
    }

    public WallView wall() {
        return view;
    }
}
