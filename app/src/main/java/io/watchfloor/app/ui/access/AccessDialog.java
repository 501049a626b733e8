package io.watchfloor.app.ui.access;

import io.watchfloor.access.AccessDeniedException;
import io.watchfloor.access.AccessFailedException;
import io.watchfloor.access.JitShell;
import io.watchfloor.access.Operator;
import io.watchfloor.access.ShellRequest;
import io.watchfloor.access.ShellService;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.ssh.SshException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Asks why before a just-in-time shell: the host, who (user and role), how long the certificate lasts, a required
 * reason (the incident id when opened from one), and where the terminal opens. Signing and connecting run on a
 * background executor with progress shown; a refusal or failure is said in the dialog, which stays open so the
 * operator can fix the reason or try again.
 */
public final class AccessDialog {
    static final String REASON_REQUIRED = "A reason is required: it goes into the certificate and the audit log.";
    /** The initial terminal size asked of the host; the terminal window resizes the pty once laid out. */
    static final int COLUMNS = 120;
    static final int ROWS = 36;

    private final ShellService service;
    private final Executor background;
    private final Clock clock;
    private final String hostId;
    private final String incidentId;
    private final Window owner;
    private final Consumer<TerminalWindow> onTerminal;
    private final Stage stage = new Stage();
    private final VBox root = new VBox();
    private final TextField reason = new TextField();
    private final Label reasonHint = label("", "access-hint", "access-reason-hint");
    private final RadioButton appTerminal = new RadioButton("Open in app terminal (recorded)");
    private final RadioButton systemTerminal = new RadioButton("Open in system terminal (output not recorded)");
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Label progress = label("", "access-progress");
    private final HBox progressRow = new HBox(spinner, progress);
    private final Label error = label("", "access-error");
    private final Label info = label("", "access-info");
    private final Button open = new Button("Open");
    private final Button cancel = new Button("Cancel");
    private final FxHostKeyPrompt prompt;
    private boolean busy;
    private boolean closed;
    private String shellReason;

    AccessDialog(ShellService service, Executor background, Clock clock, String hostId, String incidentId, Window owner,
                 Consumer<TerminalWindow> onTerminal) {
        this.service = service;
        this.background = background;
        this.clock = clock;
        this.hostId = hostId;
        this.incidentId = incidentId;
        this.owner = owner;
        this.onTerminal = onTerminal;
        this.prompt = new FxHostKeyPrompt(owner);
        build();
    }

    private void build() {
        Operator op = service.operator();
        Label title = label("Open shell on " + hostId, "access-title");
        Label who = label("as " + op.user() + (op.machine() == null ? "" : " on " + op.machine()) + "  ·  role "
                + (op.role() == null ? "none" : op.role()), "access-line", "access-who");
        Label ttl = label("Certificate valid " + Durations.words(service.ttl()) + "; the session closes when it expires.",
                "access-line", "access-ttl");
        Label reasonLabel = label("Reason", "access-field-label");
        reason.setId("access-reason");
        reason.getStyleClass().add("access-field");
        reason.setPromptText("why you need a shell (an incident id, a ticket)");
        reason.setText(incidentId == null ? "" : incidentId);
        reason.textProperty().addListener((o, a, b) -> refresh());
        reason.setOnAction(e -> submit());
        ToggleGroup where = new ToggleGroup();
        appTerminal.setToggleGroup(where);
        systemTerminal.setToggleGroup(where);
        appTerminal.setSelected(true);
        appTerminal.setId("access-app-terminal");
        systemTerminal.setId("access-system-terminal");
        spinner.setPrefSize(22, 22);
        spinner.setMaxSize(22, 22);
        progressRow.getStyleClass().add("access-progress-row");
        progressRow.setAlignment(Pos.CENTER_LEFT);
        for (Label l : new Label[] {error, info, reasonHint, ttl, who}) {
            l.setWrapText(true);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        error.setId("access-error");
        info.setId("access-info");
        open.setId("access-open");
        cancel.setId("access-cancel");
        open.setDefaultButton(true);
        cancel.setCancelButton(true);
        open.setOnAction(e -> submit());
        cancel.setOnAction(e -> stage.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(spacer, cancel, open);
        buttons.getStyleClass().add("access-buttons");
        buttons.setAlignment(Pos.CENTER_RIGHT);
        root.getChildren().addAll(title, who, ttl, reasonLabel, reason, reasonHint, appTerminal, systemTerminal,
                progressRow, error, info, buttons);
        root.getStyleClass().add("access-dialog");
        Theme.applyTo(root, Theme.ACCESS);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        setScale(io.watchfloor.app.ui.wall.WallLayout.scaleFor(screen.getWidth(), screen.getHeight()));
        stage.setTitle("Open shell — " + hostId);
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setScene(new Scene(root));
        stage.setOnHidden(e -> closed = true);
        refresh();
    }

    /** Text and width grow with the screen, as the wall's do (a 4K screen gets a dialog it can read). */
    public void setScale(double scale) {
        double s = Math.max(1, scale);
        root.setStyle("-fx-font-size: " + Math.round(15 * s) + "px;");
        root.setPrefWidth(Math.round(600 * s));
        spinner.setPrefSize(22 * s, 22 * s);
        spinner.setMaxSize(22 * s, 22 * s);
    }

    void show() {
        stage.show();
        reason.requestFocus();
        reason.end();
    }

    public Stage stage() {
        return stage;
    }

    /** The dialog's content, for rendering it into a picture. */
    public VBox node() {
        return root;
    }

    /** The host-key prompt this dialog answers unknown keys with. */
    public FxHostKeyPrompt hostKeyPrompt() {
        return prompt;
    }

    private void refresh() {
        boolean blank = reason.getText() == null || reason.getText().isBlank();
        open.setDisable(busy || blank);
        reason.setDisable(busy);
        appTerminal.setDisable(busy);
        systemTerminal.setDisable(busy);
        reasonHint.setText(blank ? REASON_REQUIRED : "Recorded with the request, the certificate's key id and the session.");
        reasonHint.getStyleClass().removeAll("access-hint-required");
        if (blank) {
            reasonHint.getStyleClass().add("access-hint-required");
        }
        progressRow.setVisible(busy);
        progressRow.setManaged(busy);
        show(error);
        show(info);
    }

    private static void show(Label l) {
        boolean has = l.getText() != null && !l.getText().isEmpty();
        l.setVisible(has);
        l.setManaged(has);
    }

    private void submit() {
        if (busy || reason.getText().isBlank()) {
            return;
        }
        ShellRequest request = new ShellRequest(hostId, reason.getText(), incidentId, COLUMNS, ROWS);
        boolean inApp = appTerminal.isSelected();
        shellReason = request.reason();
        busy = true;
        error.setText("");
        error.getStyleClass().remove("access-warning");
        info.setText("");
        progress.setText("Getting a certificate and connecting to " + hostId + "…");
        refresh();
        if (inApp) {
            CompletableFuture.supplyAsync(() -> call(() -> service.openShell(request, prompt)), background)
                    .whenComplete((shell, failure) -> Platform.runLater(() -> opened(shell, failure)));
        } else {
            CompletableFuture.supplyAsync(() -> call(() -> service.openInSystemTerminal(request)), background)
                    .whenComplete((command, failure) -> Platform.runLater(() -> started(command, failure)));
        }
    }

    private void opened(JitShell shell, Throwable failure) {
        busy = false;
        if (failure != null) {
            fail(failure);
            return;
        }
        if (closed) {
            // the operator gave up while it connected: do not leave a shell nobody sees (closing blocks: not here)
            background.execute(shell::close);
            return;
        }
        TerminalWindow window = TerminalWindow.open(shell, service.operator(), shellReason, clock, background);
        stage.close();
        onTerminal.accept(window);
    }

    private void started(List<String> command, Throwable failure) {
        busy = false;
        if (failure != null) {
            fail(failure);
            return;
        }
        info.setText("Started your terminal: " + String.join(" ", command)
                + "\nIts output is not recorded; the audit log says so.");
        cancel.setText("Close");
        refresh();
    }

    private void fail(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        SshException.Kind kind = sshKind(cause);
        error.getStyleClass().remove("access-warning");
        if (kind == SshException.Kind.HOST_KEY_CHANGED || kind == SshException.Kind.HOST_KEY_REVOKED) {
            error.getStyleClass().add("access-warning");
            error.setText(hostKeyWarning(cause, kind));
        } else {
            error.setText(message(cause));
        }
        refresh();
    }

    /** The loud warning for a changed (or revoked) host key: never asked, always refused, and audited. */
    static String hostKeyWarning(Throwable cause, SshException.Kind kind) {
        SshException ssh = sshCause(cause);
        String host = ssh != null && ssh.refusal() != null ? ssh.refusal().hostId() : null;
        StringBuilder sb = new StringBuilder("⚠ The host key of ").append(host == null ? "this host" : host)
                .append(kind == SshException.Kind.HOST_KEY_REVOKED ? " is REVOKED" : " has CHANGED");
        if (ssh != null && ssh.refusal() != null) {
            var r = ssh.refusal();
            sb.append(": it offered ").append(r.keyType()).append(' ').append(r.fingerprint());
            if (r.expected() != null) {
                sb.append(", known_hosts has ").append(r.expected());
            }
        }
        sb.append(". The connection was refused and recorded in the audit log. This can be a reinstalled host or "
                + "someone in the middle: check with the host's owner before changing known_hosts.");
        return sb.toString();
    }

    private static String message(Throwable t) {
        if (t instanceof AccessDeniedException || t instanceof AccessFailedException) {
            return t.getMessage();
        }
        if (t instanceof InterruptedException) {
            return "Cancelled.";
        }
        return "Could not open a shell: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    private static SshException.Kind sshKind(Throwable t) {
        SshException s = sshCause(t);
        return s == null ? null : s.kind();
    }

    private static SshException sshCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SshException s) {
                return s;
            }
        }
        return null;
    }

    /** A blocking access call whose checked exceptions travel to the FX thread inside the future. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CompletionException(e);
        }
    }

    private static Label label(String text, String... styles) {
        Label l = new Label(text);
        l.getStyleClass().addAll(styles);
        return l;
    }
}
