package io.watchfloor.app.ui;

import io.watchfloor.model.WallSnapshot;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A view's subscription to the engine's snapshots: opened when the view is shown, closed when it is hidden, and
 * delivered on the FX thread at most once per pulse (through a {@link Coalescer}), so a hidden page costs nothing.
 */
public final class LiveFeed {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private final ViewContext context;
    private final Consumer<WallSnapshot> sink;
    private final String what;
    private AutoCloseable subscription;

    /** @param what the view, for the log ("the wall") */
    public LiveFeed(ViewContext context, Consumer<WallSnapshot> sink, String what) {
        this.context = context;
        this.sink = sink;
        this.what = what;
    }

    /** FX thread; idempotent. */
    public void open() {
        if (subscription == null) {
            subscription = context.subscribe().apply(new Coalescer<>(context.fx(), sink));
        }
    }

    /** FX thread; idempotent. */
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("could not unsubscribe {}: {}", what, e.toString());
            }
            subscription = null;
        }
    }
}
