package io.watchfloor.app.ui.access;

import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;
import io.watchfloor.access.JitShell;
import io.watchfloor.access.Operator;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.wall.WallLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executor;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * A just-in-time shell in a window of its own: the terminal (JediTermFX, fed by the shell channel), a title that
 * counts down to the certificate's end, a banner when the session ends, and a status line with the certificate's key
 * id and serial and that the session is recorded. Closing the window closes the shell.
 */
public final class TerminalWindow {
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm:ss");
    static final String EXPIRED = "certificate expired: session closed";

    private final JitShell shell;
    private final Clock clock;
    private final String titlePrefix;
    private final BorderPane root = new BorderPane();
    private final Label header = new Label();
    private final Label banner = new Label();
    private final Label status = new Label();
    private final JediTermFxWidget widget;
    private final Timeline ticker;
    private final Executor closer;
    private Stage stage;
    private String endedWhy;

    /**
     * @param reason what the shell was opened for (the incident id by default)
     * @param fontSize the terminal's font size in pixels (bigger on big screens)
     */
    public TerminalWindow(JitShell shell, Operator operator, String reason, Clock clock, double fontSize) {
        this(shell, operator, reason, clock, fontSize, ShellLauncher.BACKGROUND);
    }

    /**
     * @param closer where the shell is closed: closing disconnects, seals the recording and writes the audit log,
     *               never on the FX thread
     */
    public TerminalWindow(JitShell shell, Operator operator, String reason, Clock clock, double fontSize,
                          Executor closer) {
        this.shell = shell;
        this.closer = closer;
        this.clock = clock;
        this.titlePrefix = shell.hostId() + " — " + operator.user() + (reason == null || reason.isBlank() ? "" : " — " + reason);
        widget = new JediTermFxWidget(AccessDialog.COLUMNS, AccessDialog.ROWS, new Settings((float) fontSize));
        widget.setTtyConnector(new ChannelTtyConnector(shell.channel(), titlePrefix, shell.ended(),
                () -> (int) widget.getPane().getWidth(), () -> (int) widget.getPane().getHeight(), closer));

        header.getStyleClass().add("term-header");
        header.setMaxWidth(Double.MAX_VALUE);
        banner.getStyleClass().add("term-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setWrapText(true);
        showBanner(false);
        Label recorded = new Label("● recorded");
        recorded.getStyleClass().add("term-recorded");
        recorded.setMinWidth(Region.USE_PREF_SIZE);
        status.getStyleClass().add("term-status");
        status.setText("key id " + shell.keyId() + "  ·  serial " + shell.serial() + "  ·  valid until "
                + UNTIL.format(shell.validBefore().atZone(ZoneId.systemDefault())));
        status.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusLine = new HBox(status, spacer, recorded);
        statusLine.getStyleClass().add("term-status-line");
        root.setTop(new VBox(header, banner));
        root.setCenter(widget.getPane());
        root.setBottom(statusLine);
        root.getStyleClass().add("term-window");
        root.setStyle("-fx-font-size: " + Math.round(Math.max(13, fontSize * 0.95)) + "px;");
        Theme.applyTo(root, Theme.ACCESS);

        ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        shell.ended().whenComplete((why, failure) -> Platform.runLater(() -> ended(why == null ? "session ended" : why)));
        tick();
    }

    /** Opens a window for a shell that was just opened (FX thread). */
    static TerminalWindow open(JitShell shell, Operator operator, String reason, Clock clock, Executor closer) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double scale = WallLayout.scaleFor(screen.getWidth(), screen.getHeight());
        TerminalWindow w = new TerminalWindow(shell, operator, reason, clock, Math.max(14, Math.round(15 * scale)),
                closer);
        w.show(new Stage());
        return w;
    }

    /** Puts the window on a stage and starts the terminal; closing the stage closes the shell. */
    public void show(Stage on) {
        this.stage = on;
        on.setScene(new Scene(root, 1100, 720));
        on.setOnHidden(e -> close());
        on.setTitle(titleText());
        start();
        on.show();
        // the dialog that opened it has closed: the terminal, not the wall behind, is what the user types into next
        on.toFront();
        widget.getPreferredFocusableNode().requestFocus();
    }

    /** Starts reading the shell and the countdown without a stage of its own (pictures and tests). */
    public void start() {
        widget.start();
        ticker.play();
    }

    public Region node() {
        return root;
    }

    public Stage stage() {
        return stage;
    }

    /** The terminal's screen as text, for tests. */
    public String screenText() {
        var buffer = widget.getTerminalTextBuffer();
        buffer.lock();
        try {
            return buffer.getScreenLines();
        } finally {
            buffer.unlock();
        }
    }

    /** The node that takes the keyboard. */
    public javafx.scene.Node terminalNode() {
        return widget.getPreferredFocusableNode();
    }

    public String titleText() {
        return header.getText();
    }

    public String bannerText() {
        return banner.isVisible() ? banner.getText() : "";
    }

    /**
     * Refreshes the countdown; at the end it only says so. The service's timer ends the session at expiry (and
     * records why): a close from here would be recorded as the user's.
     */
    void tick() {
        Instant now = clock.instant();
        Duration left = Duration.between(now, shell.validBefore());
        if (endedWhy == null && !left.isNegative() && !left.isZero()) {
            header.setText(titlePrefix + " — closes in " + Durations.countdown(left));
        } else if (endedWhy == null) {
            ended(EXPIRED);
        }
        if (stage != null) {
            stage.setTitle(header.getText());
        }
    }

    private void ended(String why) {
        if (endedWhy != null) {
            return;
        }
        endedWhy = why.toLowerCase(java.util.Locale.ROOT).contains("expired") ? EXPIRED : "session ended: " + why;
        header.setText(titlePrefix + " — " + (endedWhy.equals(EXPIRED) ? "certificate expired" : "session ended"));
        banner.setText(endedWhy.equals(EXPIRED) ? EXPIRED + ". Open a new shell for more time (a new reason, a new "
                + "certificate)." : endedWhy);
        showBanner(true);
        ticker.stop();
        if (stage != null) {
            stage.setTitle(header.getText());
        }
    }

    private void showBanner(boolean on) {
        banner.setVisible(on);
        banner.setManaged(on);
    }

    /** Closes the shell (on the background executor) and the terminal. Idempotent. */
    public void close() {
        ticker.stop();
        closer.execute(shell::close);
        widget.close();
        if (stage != null && stage.isShowing()) {
            stage.close();
        }
    }

    /** The dark NOC look, and a font that grows with the screen. */
    private static final class Settings extends DefaultSettingsProvider {
        private final float size;

        Settings(float size) {
            this.size = size;
        }

        @Override
        public float getTerminalFontSize() {
            return size;
        }

        @Override
        public Font getTerminalFont() {
            return Font.font("DejaVu Sans Mono", size);
        }

        @Override
        public TerminalColor getDefaultForeground() {
            return TerminalColor.rgb(0xe6, 0xed, 0xf3);
        }

        @Override
        public TerminalColor getDefaultBackground() {
            return TerminalColor.rgb(0x0d, 0x11, 0x17);
        }

        @Override
        public TextStyle getDefaultStyle() {
            return new TextStyle(getDefaultForeground(), getDefaultBackground());
        }
    }
}
