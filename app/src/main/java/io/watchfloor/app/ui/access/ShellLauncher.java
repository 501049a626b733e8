package io.watchfloor.app.ui.access;

import io.watchfloor.access.Operator;
import io.watchfloor.access.ShellService;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.config.Permission;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;

/**
 * Where "Open shell" comes from: whether this console may offer it for a host, the button, and the access dialog it
 * opens. A console without shells, a wall display (--wall) and a role without {@code shell} never show the button: an
 * operator should not meet a control that can only say no.
 */
public final class ShellLauncher {
    /** Signing and connecting block on the network: they run here, never on the FX thread. */
    static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "watchfloor-shell");
        t.setDaemon(true);
        return t;
    });

    private final ShellService service;
    private final java.util.concurrent.Executor background;
    private final Clock clock;
    private Consumer<TerminalWindow> onTerminal = w -> { };

    public ShellLauncher(ShellService service, java.util.concurrent.Executor background, Clock clock) {
        this.service = service;
        this.background = background;
        this.clock = clock;
    }

    public static ShellLauncher of(ViewContext context) {
        return new ShellLauncher(context.shells(), BACKGROUND, context.clock());
    }

    /** Whether shells can be offered at all from this console. */
    public boolean available() {
        if (service == null || !service.configured()) {
            return false;
        }
        Operator op = service.operator();
        return op != null && !op.wall() && op.may(Permission.SHELL);
    }

    /** Whether "Open shell" is offered for this host (a configured SSH host). */
    public boolean offers(String hostId) {
        return hostId != null && available() && service.hostIds().contains(hostId);
    }

    /** Called with each terminal window this launcher opens (tests and the console keep hold of them). */
    public void setOnTerminal(Consumer<TerminalWindow> listener) {
        this.onTerminal = listener == null ? w -> { } : listener;
    }

    /**
     * An "Open shell" button for the host the supplier names when clicked.
     *
     * @param incidentId the incident it is opened from (pre-fills the reason), or a supplier of null
     */
    public Button button(Supplier<String> hostId, Supplier<String> incidentId) {
        Button b = new Button("Open shell…");
        b.getStyleClass().add("open-shell");
        b.setTooltip(new Tooltip("Get a short-lived certificate and open a terminal on this host (audited)"));
        b.setOnAction(e -> open(hostId.get(), incidentId.get(), b.getScene() == null ? null : b.getScene().getWindow()));
        return b;
    }

    /** Shows the access dialog for a host (FX thread). */
    public AccessDialog open(String hostId, String incidentId, Window owner) {
        AccessDialog d = new AccessDialog(service, background, clock, hostId, incidentId, owner, onTerminal);
        d.show();
        return d;
    }
}
