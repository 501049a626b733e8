package io.watchfloor.app.ui.access;

import io.watchfloor.app.ui.Theme;
import io.watchfloor.ssh.HostKeyPrompt;
import io.watchfloor.ssh.HostKeyRefusal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Asks the operator about a host key that is not in known_hosts. Called on the connecting (background) thread: it
 * shows a dialog on the FX thread and waits for the answer. Closing the dialog refuses. Never called for a changed or
 * revoked key: those are refused by the transport and arrive as an error.
 */
public final class FxHostKeyPrompt implements HostKeyPrompt {
    private final Window owner;
    private Consumer<Stage> onShown = s -> { };

    public FxHostKeyPrompt(Window owner) {
        this.owner = owner;
    }

    /** Called on the FX thread with each prompt's stage once shown (tests answer through it). */
    public void setOnShown(Consumer<Stage> listener) {
        this.onShown = listener;
    }

    @Override
    public Answer unknownHost(HostKeyRefusal unknown) {
        if (Platform.isFxApplicationThread()) {
            // waiting here would freeze the console for good; callers must connect off the FX thread
            throw new IllegalStateException("the host-key prompt must be called off the FX thread");
        }
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Platform.runLater(() -> show(unknown, answer));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Platform.runLater(() -> answer.complete(Answer.REFUSE));
            return Answer.REFUSE;
        } catch (ExecutionException e) {
            return Answer.REFUSE;
        }
    }

    private void show(HostKeyRefusal unknown, CompletableFuture<Answer> answer) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle("Unknown host key — " + unknown.hostId());
        Label head = label("The host key of " + unknown.hostId() + " is not known", "access-title");
        Label where = label("Host  " + unknown.knownHostsName(), "access-line");
        Label type = label("Key type  " + unknown.keyType(), "access-line");
        Label fp = label(unknown.fingerprint(), "access-fingerprint");
        fp.getStyleClass().add("hostkey-fingerprint");
        Label advice = label("Compare the fingerprint with the one your team published for this host (ssh-keygen -lf "
                + "/etc/ssh/ssh_host_*_key.pub on the host). Trust it only if they match."
                + (unknown.knownHosts() == null ? "" : " \"Trust and save\" adds it to " + unknown.knownHosts() + "."),
                "access-hint");
        advice.setWrapText(true);
        Button refuse = new Button("Refuse");
        Button once = new Button("Trust once");
        Button save = new Button("Trust and save");
        refuse.setId("hostkey-refuse");
        once.setId("hostkey-once");
        save.setId("hostkey-save");
        refuse.setDefaultButton(true); // Enter must never trust a key by accident
        refuse.setCancelButton(true);
        refuse.setOnAction(e -> answer(stage, answer, Answer.REFUSE));
        once.setOnAction(e -> answer(stage, answer, Answer.ONCE));
        save.setOnAction(e -> answer(stage, answer, Answer.SAVE));
        stage.setOnHidden(e -> answer.complete(Answer.REFUSE));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(refuse, spacer, once, save);
        buttons.getStyleClass().add("access-buttons");
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(head, where, type, fp, advice, buttons);
        root.getStyleClass().addAll("access-dialog", "hostkey-prompt");
        Theme.applyTo(root, Theme.ACCESS);
        stage.setScene(new Scene(root));
        stage.show();
        stage.toFront(); // over the access dialog that is waiting on the answer
        onShown.accept(stage);
    }

    private static void answer(Stage stage, CompletableFuture<Answer> answer, Answer a) {
        answer.complete(a);
        stage.close();
    }

    private static Label label(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        return l;
    }
}
