package io.watchfloor.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.access.AccessDeniedException;
import io.watchfloor.access.AccessFailedException;
import io.watchfloor.access.JitShell;
import io.watchfloor.access.Operator;
import io.watchfloor.access.ShellRequest;
import io.watchfloor.access.ShellService;
import io.watchfloor.app.runtime.AccessRuntime;
import io.watchfloor.ssh.HostKeyPrompt;
import io.watchfloor.ssh.HostKeyRefusal;
import io.watchfloor.ssh.SshException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ShellCommandTest {
    @TempDir
    Path tmp;
    Path config;
    final Fake shells = new Fake();

    record Run(int code, String stdout, String stderr, String messages) {
    }

    @BeforeEach
    void configFile() throws IOException {
        config = Files.writeString(tmp.resolve("watchfloor.yaml"), "sources: [{id: demo, type: demo}]\n");
    }

    Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var messages = new StringWriter();
        var cmd = new CommandLine(new ShellCommand((cfg, dir) -> AccessRuntime.of(shells), out, err));
        cmd.setErr(new PrintWriter(messages, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString(), "--data-dir", tmp.resolve("data").toString()));
        int code = cmd.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                messages.toString());
    }

    @Test
    void runsTheCommandAndExitsWithItsExitCode() {
        shells.exit = 3;
        Run r = run("gpu-01", "--reason", "INC-42", "--exec", "nvidia-smi -q", "--timeout", "90s",
                "--incident", "INC-42");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("GPU 0\n");
        assertThat(r.stderr()).isEqualTo("warn\n");
        assertThat(r.messages()).isEmpty();
        assertThat(shells.request).isEqualTo(new ShellRequest("gpu-01", "INC-42", "INC-42", 0, 0));
        assertThat(shells.command).isEqualTo("nvidia-smi -q");
        assertThat(shells.timeout).isEqualTo(Duration.ofSeconds(90));
        assertThat(shells.prompt).isSameAs(HostKeyPrompt.REFUSE);
    }

    @Test
    void defaultTimeoutIsAMinute() {
        Run r = run("gpu-01", "--reason", "x", "--exec", "true");
        assertThat(r.code()).isZero();
        assertThat(shells.timeout).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aDenialSaysWhyWithItsOwnExitCode() {
        shells.deny = new AccessDeniedException("role wall may not open shells; it may: view");
        Run r = run("gpu-01", "--reason", "INC-42", "--exec", "uptime");
        assertThat(r.code()).isEqualTo(ExitCodes.NOT_PERMITTED);
        assertThat(r.messages()).isEqualTo("watchfloor shell: role wall may not open shells; it may: view\n");
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprint() {
        var refusal = new HostKeyRefusal("gpu-01", SshException.Kind.HOST_KEY_UNKNOWN, "10.0.0.11", "ssh-ed25519",
                "SHA256:Qx2vB1", null, Path.of("/home/alice/.ssh/known_hosts"));
        var ssh = new SshException(SshException.Kind.HOST_KEY_UNKNOWN, "host key of 10.0.0.11 is unknown", null,
                refusal);
        shells.fail = new AccessFailedException("gpu-01: host key of 10.0.0.11 is unknown", ssh);
        Run r = run("gpu-01", "--reason", "INC-42", "--exec", "uptime");
        assertThat(r.code()).isEqualTo(ExitCodes.REMOTE_FAILED);
        assertThat(r.messages()).contains("host key of 10.0.0.11 is unknown")
                .contains("10.0.0.11 offered ssh-ed25519 SHA256:Qx2vB1")
                .contains("/home/alice/.ssh/known_hosts").contains("Nothing was run");
    }

    @Test
    void noExitStatusIsAFailure() {
        shells.exit = -1;
        Run r = run("gpu-01", "--reason", "x", "--exec", "sleep 100");
        assertThat(r.code()).isEqualTo(ExitCodes.REMOTE_FAILED);
        assertThat(r.messages()).contains("without an exit status");
    }

    @Test
    void reasonAndCommandAreRequiredAndTimeoutsChecked() {
        assertThat(run("gpu-01", "--exec", "uptime").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("gpu-01", "--reason", "x").code()).isEqualTo(ExitCodes.USAGE);
        Run bad = run("gpu-01", "--reason", "x", "--exec", "uptime", "--timeout", "soon");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.messages()).contains("\"soon\" is not a duration");
        assertThat(shells.command).isNull();
    }

    @Test
    void aRuntimeThatCannotOpenIsAFailureMessage() {
        var messages = new StringWriter();
        var cmd = new CommandLine(new ShellCommand((cfg, dir) -> {
            throw new IllegalStateException("cannot open the audit log in /data: locked");
        }, OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
        cmd.setErr(new PrintWriter(messages, true));
        int code = cmd.execute("gpu-01", "--reason", "x", "--exec", "uptime", "--config", config.toString());
        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(messages.toString()).isEqualTo("watchfloor shell: cannot open the audit log in /data: locked\n");
    }

    @Test
    void isASubcommandOfWatchfloor() {
        assertThat(new CommandLine(new WatchfloorCommand()).getSubcommands()).containsKey("shell");
    }

    /** A ShellService that answers as told. */
    static final class Fake implements ShellService {
        int exit;
        AccessDeniedException deny;
        AccessFailedException fail;
        ShellRequest request;
        String command;
        Duration timeout;
        HostKeyPrompt prompt;

        @Override
        public Operator operator() {
            return new Operator("alice", "laptop", "lead", Set.of(), false);
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public Duration ttl() {
            return Duration.ofMinutes(15);
        }

        @Override
        public List<String> hostIds() {
            return List.of("gpu-01");
        }

        @Override
        public JitShell openShell(ShellRequest request, HostKeyPrompt prompt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int exec(ShellRequest request, String command, OutputStream stdout, OutputStream stderr,
                        Duration timeout, HostKeyPrompt prompt) throws AccessDeniedException, AccessFailedException {
            this.request = request;
            this.command = command;
            this.timeout = timeout;
            this.prompt = prompt;
            if (deny != null) {
                throw deny;
            }
            if (fail != null) {
                throw fail;
            }
            try {
                stdout.write("GPU 0\n".getBytes(StandardCharsets.UTF_8));
                stderr.write("warn\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AccessFailedException("sink", e);
            }
            return exit;
        }

        @Override
        public List<String> openInSystemTerminal(ShellRequest request) {
            throw new UnsupportedOperationException();
        }
    }
}
