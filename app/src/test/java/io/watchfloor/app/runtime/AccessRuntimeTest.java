package io.watchfloor.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.access.JitShell;
import io.watchfloor.access.Operator;
import io.watchfloor.access.ShellRequest;
import io.watchfloor.access.audit.AuditEvent;
import io.watchfloor.access.jit.AccessAudit;
import io.watchfloor.config.AccessConfig;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.HostConfig;
import io.watchfloor.config.Permission;
import io.watchfloor.config.SignerConfig;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.ssh.HostKeyPrompt;
import io.watchfloor.ssh.ShellChannel;
import io.watchfloor.ssh.ShellOpener;
import io.watchfloor.ssh.SshRoute;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessRuntimeTest {
    private static WatchfloorConfig config(List<HostConfig> hosts, AccessConfig access) {
        return new WatchfloorConfig(null, List.of(), WallConfig.DEFAULTS, CacheConfig.DEFAULTS, List.of(),
                List.of(), io.watchfloor.config.IncidentsConfig.DEFAULTS, List.of(), List.of(), List.of(), List.of(),
                hosts, access);
    }

    @Test
    void theOperatorIsTheOsUserNotTheUserNameProperty() {
        String real = new com.sun.security.auth.module.UnixSystem().getUsername();
        String before = System.getProperty("user.name");
        System.setProperty("user.name", "mallory-" + real);
        try {
            assertThat(AccessRuntime.currentOperator(config(List.of(), null), Map.of("HOSTNAME", "laptop"), false)
                    .user()).as("-Duser.name=... must not choose who the operator is").isEqualTo(real);
        } finally {
            System.setProperty("user.name", before);
        }
    }

    @Test
    void closingEndsOpenShellsBeforeTheTransportAndTheLogClose(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("ca");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", ca.toString())
                .redirectErrorStream(true).start();
        keygen.getInputStream().readAllBytes();
        assertThat(keygen.waitFor()).isZero();
        var host = new HostConfig("gpu-01", "10.0.0.11", 22, "ops", null, null, Path.of("/kh/hosts"), List.of(),
                List.of(), null, null);
        var access = new AccessConfig(new SignerConfig.LocalCa(ca, null), Duration.ofMinutes(15), null, null,
                Map.of("alice", "lead"), null, null);
        List<String> events = new CopyOnWriteArrayList<>();
        AccessAudit audit = new AccessAudit() {
            @Override
            public void record(Operator operator, AuditEvent event, String hostId, String requestId, String reason,
                               Map<String, String> details) {
                events.add(event.name() + (details.containsKey("endReason") ? ":" + details.get("endReason") : ""));
            }

            @Override
            public Recording startRecording(String requestId) {
                var bytes = new ByteArrayOutputStream();
                return new Recording() {
                    @Override
                    public OutputStream output() {
                        return bytes;
                    }

                    @Override
                    public String finish() {
                        events.add("RECORDING_STORED");
                        return "00";
                    }
                };
            }
        };
        ShellOpener opener = new ShellOpener() {
            @Override
            public ShellChannel openShell(SshRoute route, HostKeyPrompt prompt, String term, int cols, int rows) {
                return new ShellChannel() {
                    volatile boolean open = true;

                    @Override
                    public InputStream output() {
                        return new ByteArrayInputStream(new byte[0]);
                    }

                    @Override
                    public OutputStream input() {
                        return OutputStream.nullOutputStream();
                    }

                    @Override
                    public void resize(int columns, int rows, int widthPixels, int heightPixels) {
                    }

                    @Override
                    public boolean isOpen() {
                        return open;
                    }

                    @Override
                    public int exitStatus() {
                        return -1;
                    }

                    @Override
                    public void close() {
                        open = false;
                    }
                };
            }

            @Override
            public int execOnce(SshRoute route, HostKeyPrompt prompt, String command, OutputStream stdout,
                                OutputStream stderr, Duration timeout) {
                throw new UnsupportedOperationException();
            }
        };
        var alice = new Operator("alice", "laptop", "lead", Set.of(Permission.VIEW, Permission.SHELL), false);
        AccessRuntime runtime = AccessRuntime.open(config(List.of(host), access), alice, opener, audit,
                Clock.systemUTC(), () -> events.add("RESOURCES_CLOSED"));
        JitShell shell = runtime.shells().openShell(new ShellRequest("gpu-01", "INC-1", null, 80, 24),
                HostKeyPrompt.REFUSE);

        runtime.close();

        assertThat(shell.ended()).isCompletedWithValue("console closed");
        assertThat(events).endsWith("SESSION_START", "RECORDING_STORED", "SESSION_END:console closed",
                "RESOURCES_CLOSED");
    }
}
