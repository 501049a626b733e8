package io.watchfloor.app.ui;

import java.io.IOException;
import java.io.Writer;
import javafx.scene.layout.Region;

/**
 * A page of the console. The GUI shows it, `watchfloor snapshot --view NAME` renders it and
 * writes its state. Views only bind to view models; they never do I/O themselves.
 */
public interface ConsoleView {
    Region node();

    /** Start timers and subscriptions (the view is shown). */
    void activate();

    /** Stop timers and subscriptions (the view is hidden). */
    void deactivate();

    /** Re-judge the view's state at the current time (ages, staleness). FX thread. */
    void refresh();

    /** The view's state as JSON, as of the last refresh. */
    void writeState(Writer out) throws IOException;
}
