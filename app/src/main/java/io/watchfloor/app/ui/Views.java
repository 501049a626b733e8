package io.watchfloor.app.ui;

import io.watchfloor.app.ui.endpoints.EndpointsConsoleView;
import io.watchfloor.app.ui.incidents.IncidentsConsoleView;
import io.watchfloor.app.ui.usage.UsageConsoleView;
import io.watchfloor.app.ui.wall.WallConsoleView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every view by name. Adding a view: write it, list its factory here. */
public final class Views {
    private static final Map<String, Function<ViewContext, ConsoleView>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("wall", WallConsoleView::new);
        FACTORIES.put("endpoints", EndpointsConsoleView::new);
        FACTORIES.put("incidents", IncidentsConsoleView::new);
        FACTORIES.put("usage", UsageConsoleView::new);
    }

    private Views() {
    }

    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    public static boolean exists(String name) {
        return FACTORIES.containsKey(name);
    }

    /** FX thread only. */
    public static ConsoleView create(String name, ViewContext context) {
        Function<ViewContext, ConsoleView> f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown view \"" + name + "\"; expected one of: " + String.join(", ", names()));
        }
        return f.apply(context);
    }
}
