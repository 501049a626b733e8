package io.watchfloor.app.ui.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.access.AccessDeniedException;
import io.watchfloor.access.AccessFailedException;
import io.watchfloor.ssh.HostKeyPrompt;
import io.watchfloor.ssh.HostKeyRefusal;
import io.watchfloor.ssh.SshException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The access dialog, the host-key prompt and the terminal window against a fake shell service, headless. */
@ExtendWith(ApplicationExtension.class)
class AccessRobotTest {
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-shell"));
    private final io.watchfloor.app.ui.incidents.TestClock clock = new io.watchfloor.app.ui.incidents.TestClock(FakeShells.T0);
    private final List<TerminalWindow> terminals = new CopyOnWriteArrayList<>();
    private FakeShells.Service service;

    @Start
    void start(Stage stage) {
        // each test opens its own dialog
    }

    @AfterEach
    void closeAll(FxRobot robot) {
        robot.interact(() -> terminals.forEach(TerminalWindow::close));
        background.shutdownNow();
    }

    private AccessDialog open(FxRobot robot, String incident) {
        service = service == null ? new FakeShells.Service(FakeShells.lead(), true) : service;
        ShellLauncher launcher = new ShellLauncher(service, background, clock);
        launcher.setOnTerminal(terminals::add);
        AtomicReference<AccessDialog> d = new AtomicReference<>();
        robot.interact(() -> d.set(launcher.open("gpu-01", incident, null)));
        return d.get();
    }

    private static <T> T in(AccessDialog d, String id, Class<T> type) {
        return type.cast(d.node().lookup("#" + id));
    }

    @Test
    void openIsDisabledWhileTheReasonIsBlankAndSaysWhy(FxRobot robot) {
        AccessDialog d = open(robot, null);
        Button open = in(d, "access-open", Button.class);
        assertThat(open.isDisabled()).isTrue();
        assertThat(((Label) d.node().lookup(".access-reason-hint")).getText()).isEqualTo(AccessDialog.REASON_REQUIRED);
        robot.interact(() -> in(d, "access-reason", TextField.class).setText("   "));
        assertThat(open.isDisabled()).isTrue();
        robot.interact(() -> in(d, "access-reason", TextField.class).setText("disk full on /data"));
        assertThat(open.isDisabled()).isFalse();
        assertThat(((Label) d.node().lookup(".access-ttl")).getText())
                .isEqualTo("Certificate valid 15 min; the session closes when it expires.");
        assertThat(((Label) d.node().lookup(".access-who")).getText()).contains("alice", "lead");
        robot.interact(() -> d.stage().close());
    }

    @Test
    void opensTheTerminalOffTheFxThreadAndCarriesOutputTypingResizeAndExpiry(FxRobot robot) throws Exception {
        service = new FakeShells.Service(FakeShells.lead(), true);
        service.gate = new CompletableFuture<>();
        AccessDialog d = open(robot, "INC-42");
        assertThat(in(d, "access-reason", TextField.class).getText()).isEqualTo("INC-42");
        robot.interact(() -> in(d, "access-open", Button.class).fire());
        // while signing and connecting: progress shown, controls held, the FX thread free
        assertThat(d.node().lookup(".access-progress").isVisible()).isTrue();
        assertThat(in(d, "access-open", Button.class).isDisabled()).isTrue();
        service.gate.complete(null);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !terminals.isEmpty());
        assertThat(service.calledOn).isEqualTo("test-shell");
        assertThat(service.lastRequest.reason()).isEqualTo("INC-42");
        assertThat(service.lastRequest.incidentId()).isEqualTo("INC-42");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(d.stage().isShowing()).isFalse();

        TerminalWindow t = terminals.get(0);
        FakeShells.Shell shell = service.last;
        assertThat(t.titleText()).isEqualTo("gpu-01 — alice — INC-42 — closes in 15:00");
        assertThat(((Label) t.node().lookup(".term-status")).getText()).contains("alice/INC-42/r-7f3a", "serial 1042");
        assertThat(((Label) t.node().lookup(".term-recorded")).getText()).contains("recorded");

        shell.channel.print("nvidia-smi -L\r\nGPU 0: NVIDIA H100 80GB HBM3\r\n");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> t.screenText().contains("GPU 0: NVIDIA H100 80GB HBM3"));

        robot.clickOn(t.terminalNode());
        robot.write("uptime");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shell.channel.typedText().contains("uptime"));

        int before = shell.channel.resizes.size();
        int columnsBefore = before == 0 ? 0 : shell.channel.resizes.get(before - 1)[0];
        robot.interact(() -> {
            t.stage().setWidth(t.stage().getWidth() + 300);
            t.stage().setHeight(t.stage().getHeight() + 200);
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shell.channel.resizes.size() > before);
        int[] last = shell.channel.resizes.get(shell.channel.resizes.size() - 1);
        assertThat(last[0]).as("a wider window, more columns").isGreaterThan(columnsBefore);
        assertThat(last[1]).isPositive();
        assertThat(last[2]).isPositive();

        clock.set(FakeShells.T0.plusSeconds(14 * 60 + 28));
        robot.interact(t::tick);
        assertThat(t.titleText()).endsWith("closes in 0:32");
        clock.set(FakeShells.T0.plusSeconds(15 * 60));
        robot.interact(t::tick);
        assertThat(t.bannerText()).startsWith(TerminalWindow.EXPIRED);
        // the service's timer ends it and records "certificate expired"; a close here would read "closed by user"
        assertThat(shell.closed).isFalse();
    }

    @Test
    void aSessionThatEndsOnTheHostSaysSo(FxRobot robot) throws Exception {
        AccessDialog d = open(robot, "INC-42");
        robot.interact(() -> in(d, "access-open", Button.class).fire());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !terminals.isEmpty());
        service.last.ended.complete("shell exited 0");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !terminals.get(0).bannerText().isEmpty());
        assertThat(terminals.get(0).bannerText()).isEqualTo("session ended: shell exited 0");
        robot.interact(() -> terminals.get(0).stage().close());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> service.last.closed);
        assertThat(service.last.closedOn).as("closing blocks: never on the FX thread").isEqualTo("test-shell");
    }

    @Test
    void aDenialIsShownAndTheDialogStaysOpen(FxRobot robot) throws Exception {
        service = new FakeShells.Service(FakeShells.lead(), true);
        service.failWith = new AccessDeniedException("alice (role operator) may not open shells: the role lacks shell");
        AccessDialog d = open(robot, "INC-42");
        robot.interact(() -> in(d, "access-open", Button.class).fire());
        Label error = in(d, "access-error", Label.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, error::isVisible);
        assertThat(error.getText()).isEqualTo("alice (role operator) may not open shells: the role lacks shell");
        assertThat(d.stage().isShowing()).isTrue();
        assertThat(in(d, "access-open", Button.class).isDisabled()).as("may try again").isFalse();
        robot.interact(() -> d.stage().close());
    }

    @Test
    void aChangedHostKeyIsARedWarningNeverAQuestion(FxRobot robot) throws Exception {
        service = new FakeShells.Service(FakeShells.lead(), true);
        HostKeyRefusal changed = new HostKeyRefusal("gpu-01", SshException.Kind.HOST_KEY_CHANGED, "[10.0.0.11]:22",
                "ssh-ed25519", "SHA256:NEWKEYnewkey", "SHA256:OLDKEYoldkey", Path.of("known_hosts"));
        service.failWith = new AccessFailedException("gpu-01: host key changed, refused",
                new SshException(SshException.Kind.HOST_KEY_CHANGED, "host key changed", null, changed));
        AccessDialog d = open(robot, "INC-42");
        robot.interact(() -> in(d, "access-open", Button.class).fire());
        Label error = in(d, "access-error", Label.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, error::isVisible);
        assertThat(error.getText()).contains("The host key of gpu-01 has CHANGED", "SHA256:NEWKEYnewkey",
                "SHA256:OLDKEYoldkey", "refused and recorded in the audit log");
        assertThat(error.getStyleClass()).contains("access-warning");
        robot.interact(() -> d.stage().close());
    }

    @Test
    void theHostKeyAnswerReachesTheWaitingThread(FxRobot robot) throws Exception {
        service = new FakeShells.Service(FakeShells.lead(), true);
        service.askHostKey = true;
        AccessDialog d = open(robot, "INC-42");
        AtomicReference<Stage> prompt = new AtomicReference<>();
        d.hostKeyPrompt().setOnShown(prompt::set);
        robot.interact(() -> in(d, "access-open", Button.class).fire());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> prompt.get() != null);
        var root = prompt.get().getScene().getRoot();
        assertThat(((Label) root.lookup(".hostkey-fingerprint")).getText())
                .isEqualTo("SHA256:q8f2w0m1S7cM5k7lYz3Vb0pQxJ1nRr6tUe4dHsA9iKo");
        assertThat(root.lookupAll(".label")).anyMatch(n -> ((Label) n).getText().contains("ssh-ed25519"));
        assertThat(service.answer).as("the connecting thread still waits").isNull();
        robot.interact(() -> ((Button) root.lookup("#hostkey-once")).fire());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !terminals.isEmpty());
        assertThat(service.answer).isEqualTo(HostKeyPrompt.Answer.ONCE);
    }

    @Test
    void theSystemTerminalShowsWhatWasStarted(FxRobot robot) throws Exception {
        AccessDialog d = open(robot, "INC-42");
        robot.interact(() -> {
            in(d, "access-system-terminal", javafx.scene.control.RadioButton.class).setSelected(true);
            in(d, "access-open", Button.class).fire();
        });
        Label info = in(d, "access-info", Label.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, info::isVisible);
        assertThat(info.getText()).contains("ssh -J ops@bastion alice@10.0.0.11", "not recorded");
        assertThat(terminals).isEmpty();
        robot.interact(() -> d.stage().close());
    }

    @Test
    void shellsAreOfferedOnlyToARoleWithShellOffTheWall() {
        assertThat(new ShellLauncher(new FakeShells.Service(FakeShells.lead(), true), background, clock).offers("gpu-01"))
                .isTrue();
        assertThat(new ShellLauncher(new FakeShells.Service(FakeShells.lead(), true), background, clock).offers("gpu-99"))
                .isFalse();
        assertThat(new ShellLauncher(new FakeShells.Service(FakeShells.wallDisplay(), true), background, clock)
                .offers("gpu-01")).isFalse();
        assertThat(new ShellLauncher(new FakeShells.Service(FakeShells.viewer(), true), background, clock)
                .offers("gpu-01")).isFalse();
        assertThat(new ShellLauncher(new FakeShells.Service(FakeShells.lead(), false), background, clock)
                .offers("gpu-01")).isFalse();
        assertThat(new ShellLauncher(null, background, clock).offers("gpu-01")).isFalse();
    }
}
