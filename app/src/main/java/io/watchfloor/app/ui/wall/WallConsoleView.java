package io.watchfloor.app.ui.wall;

import io.watchfloor.app.snapshot.WallStateJson;
import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.LiveFeed;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.app.ui.endpoints.EndpointsPresenter;
import java.io.IOException;
import java.io.Writer;
import javafx.scene.layout.Region;

/** The wall as a console view: view model + view + its engine subscription while shown. */
public final class WallConsoleView implements ConsoleView {
    private final ViewContext context;
    private final WallViewModel vm;
    private final WallView view;
    private final LiveFeed feed;

    public WallConsoleView(ViewContext context) {
        this.context = context;
        this.vm = new WallViewModel(new WallPresenter(context.evaluator(), context.config().wall().staleAfter(),
                EndpointsPresenter.forConfig(context.config())), context.clock(), context.sla(), context.current().get());
        this.view = new WallView(vm, context.config().wall().minTileWidth(), context.config().wall().rotate());
        this.feed = new LiveFeed(context, vm::accept, "the wall");
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
        WallStateJson.write(vm.model(), out);
    }

    public WallView wall() {
        return view;
    }
}
