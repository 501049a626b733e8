package io.watchfloor.access.jit;

import io.watchfloor.access.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.access.AccessDeniedException;
import io.watchfloor.access.AccessFailedException;
import io.watchfloor.access.JitShell;
import io.watchfloor.access.Operator;
import io.watchfloor.access.ShellRequest;
import io.watchfloor.config.AccessConfig;
import io.watchfloor.config.BastionConfig;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.HostConfig;
import io.watchfloor.config.Permission;
import io.watchfloor.config.SignerConfig;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.ssh.HostKeyPrompt;
import io.watchfloor.ssh.HostKeyRefusal;
import io.watchfloor.ssh.SshAuth;
import io.watchfloor.ssh.SshException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JitAccessServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Operator ALICE = new Operator("alice", "laptop-7", "lead",
            Set.of(Permission.VIEW, Permission.ACK, Permission.SHELL), false);

    @TempDir
    static Path tmp;
    static Path caKey;

    private final MutableClock clock = new MutableClock(T0);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Fakes.Audit audit = new Fakes.Audit();
    private final Fakes.Opener opener = new Fakes.Opener();

    @BeforeAll
    static void ca() throws Exception {
        caKey = OpenSsh.keygen(tmp.resolve("ca"), "ed25519", "");
    }

    static WatchfloorConfig config(String login) {
        var bastion = new BastionConfig("bastion", "127.0.0.1", 2222, "jump", Path.of("/keys/bastion_ed25519"),
                Path.of("/kh/bastion"), null, null, 0, null);
        var gpu01 = new HostConfig("gpu-01", "10.0.0.11", 22, "ops", "bastion", null, Path.of("/kh/hosts"),
                List.of(), List.of(), null, null);
        var gpu02 = new HostConfig("gpu-02", "10.0.0.12", 2022, "ops", null, null, null, List.of(), List.of(),
                null, null);
        var access = new AccessConfig(new SignerConfig.LocalCa(Path.of("/unused"), null), Duration.ofMinutes(15),
                login, null, Map.of("alice", "lead"), null, null);
        return new WatchfloorConfig(null, List.of(), WallConfig.DEFAULTS, CacheConfig.DEFAULTS, List.of(), List.of(),
                io.watchfloor.config.IncidentsConfig.DEFAULTS, List.of(), List.of(), List.of(), List.of(bastion),
                List.of(gpu01, gpu02), access);
    }

    private JitAccessService service(Operator op, CertificateSigner signer, Map<String, String> env,
                                     SystemTerminal terminal) {
        return new JitAccessService(config(null), op, signer, opener, audit, clock, scheduler, env, terminal);
    }

    private JitAccessService service(Operator op) {
        return service(op, new LocalCaSigner(new SignerConfig.LocalCa(caKey, null), clock), Map.of(), null);
    }

    private static ShellRequest request(String host, String reason) {
        return new ShellRequest(host, reason, "INC-42", 120, 40);
    }

    @Test
    void theWallRoleIsRefusedAndTheDenialRecorded() {
        var wall = new Operator("noc", "wall-1", "wall", Set.of(Permission.VIEW), true);
        assertThatThrownBy(() -> service(wall).openShell(request("gpu-01", "INC-42"), HostKeyPrompt.REFUSE))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("role wall may not open shells; it may: view");
        assertThat(audit.events()).containsExactly("ROLE_DENIED");
        assertThat(audit.entries.get(0).hostId()).isEqualTo("gpu-01");
        assertThat(audit.entries.get(0).details()).containsEntry("role", "wall").containsEntry("wall", "true");
        assertThat(opener.routes).isEmpty();

        var bob = new Operator("bob", "laptop-2", "operator", Set.of(Permission.VIEW, Permission.ACK), false);
        assertThatThrownBy(() -> service(bob).exec(request("gpu-01", "INC-42"), "uptime", null, null,
                Duration.ofSeconds(5), HostKeyPrompt.REFUSE))
                .hasMessage("role operator may not open shells; it may: view, ack");
        var nobody = new Operator("eve", "laptop-3", null, Set.of(), false);
        assertThatThrownBy(() -> service(nobody).openInSystemTerminal(request("gpu-01", "x")))
                .isInstanceOf(AccessFailedException.class); // no agent here: checked before anything is asked
        assertThatThrownBy(() -> service(nobody).openShell(request("gpu-01", "x"), HostKeyPrompt.REFUSE))
                .hasMessageContaining("user eve has no role");
        assertThat(audit.count("ROLE_DENIED")).isEqualTo(3);
        assertThat(audit.count("ACCESS_REQUESTED")).isZero();
    }

    @Test
    void reasonHostAndConfigurationAreCheckedFirst() {
        assertThatThrownBy(() -> service(ALICE).openShell(request("gpu-01", "  "), HostKeyPrompt.REFUSE))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("a reason is required");
        assertThatThrownBy(() -> service(ALICE).openShell(request("gpu-99", "INC-1"), HostKeyPrompt.REFUSE))
                .hasMessage("unknown host \"gpu-99\"; configured hosts: gpu-01, gpu-02");
        var unconfigured = new JitAccessService(config(null), ALICE, null, opener, audit, clock, scheduler,
                Map.of(), null);
        assertThat(unconfigured.configured()).isFalse();
        assertThatThrownBy(() -> unconfigured.openShell(request("gpu-01", "INC-1"), HostKeyPrompt.REFUSE))
                .hasMessageContaining("shells are not configured");
        assertThat(audit.entries).isEmpty();
        assertThat(opener.routes).isEmpty();
    }

    @Test
    void opensAShellThroughTheBastionWithTheCertificate() throws Exception {
        JitShell shell = service(ALICE).openShell(request("gpu-01", "INC-42/gpu\u0007ecc " + "x".repeat(80)),
                HostKeyPrompt.REFUSE);

        assertThat(audit.events()).containsExactly("ACCESS_REQUESTED", "CERT_ISSUED", "SESSION_START");
        String requestId = shell.requestId();
        assertThat(audit.entries).allSatisfy(e -> {
            assertThat(e.requestId()).isEqualTo(requestId);
            assertThat(e.user()).isEqualTo("alice");
            assertThat(e.hostId()).isEqualTo("gpu-01");
        });
        // key id: user/reason/request-id; the reason without slashes or control characters, cut to 60
        String reason = ("INC-42_gpu_ecc " + "x".repeat(80)).substring(0, 60);
        assertThat(shell.keyId()).isEqualTo("alice/" + reason + "/" + requestId);
        assertThat(shell.keyId().split("/")).hasSize(3);
        var issued = audit.last("CERT_ISSUED").details();
        assertThat(issued).containsEntry("keyId", shell.keyId())
                .containsEntry("serial", Long.toUnsignedString(shell.serial()))
                .containsEntry("validBefore", T0.plus(Duration.ofMinutes(15)).toString())
                .containsEntry("principals", "ops")
                .containsKey("signer");
        assertThat(audit.last("ACCESS_REQUESTED").details()).containsEntry("incidentId", "INC-42")
                .containsEntry("principal", "ops");
        assertThat(audit.last("SESSION_START").details()).containsEntry("terminal", "in-app")
                .containsEntry("recording", "sealed");

        var route = opener.routes.get(0);
        assertThat(route.target().address().label()).isEqualTo("ops@10.0.0.11:22");
        assertThat(route.target().knownHosts()).isEqualTo(Path.of("/kh/hosts"));
        var cert = (SshAuth.Certificate) route.target().auth();
        assertThat(SshCertificate.parse(cert.identity().certificateBlob()).keyId()).isEqualTo(shell.keyId());
        assertThat(cert.identity().algorithm()).isEqualTo("ssh-ed25519-cert-v01@openssh.com");
        assertThat(route.jump().address().label()).isEqualTo("jump@127.0.0.1:2222");
        assertThat(route.jump().auth()).isEqualTo(new SshAuth.KeyFiles(List.of(Path.of("/keys/bastion_ed25519"))));
        assertThat(route.jump().knownHosts()).isEqualTo(Path.of("/kh/bastion"));
        assertThat(opener.signedWhileConnected).isTrue();
        assertThat(shell.ended()).isNotDone();
    }

    @Test
    void closesItselfWhenTheCertificateExpiresAndEndsOnce() throws Exception {
        JitShell shell = service(ALICE).openShell(request("gpu-01", "INC-42"), HostKeyPrompt.REFUSE);
        byte[] buf = new byte[5];
        int n = shell.channel().output().read(buf, 0, 5);
        assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("gpu-0");
        var identity = ((SshAuth.Certificate) opener.routes.get(0).target().auth()).identity();

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        scheduler.runDue();
        assertThat(shell.ended()).isNotDone();

        clock.advance(Duration.ofSeconds(1));
        scheduler.runDue();
        assertThat(shell.ended()).isCompletedWithValue("certificate expired");
        assertThat(opener.shell.closed).isTrue();
        assertThat(shell.channel().isOpen()).isFalse();
        assertThatThrownBy(() -> identity.sign(new byte[] {1})).hasMessageContaining("destroyed");

        shell.close();
        shell.channel().close();
        assertThat(audit.count("SESSION_END")).isEqualTo(1);
        assertThat(audit.recordings).hasSize(1);
        assertThat(audit.finished).isEqualTo(1);
        var end = audit.last("SESSION_END").details();
        assertThat(end).containsEntry("endReason", "certificate expired")
                .containsEntry("durationMs", Long.toString(Duration.ofMinutes(15).toMillis()))
                .containsEntry("bytes", "5")
                .containsEntry("recordingSha256", Fakes.sha256("gpu-0".getBytes(StandardCharsets.UTF_8)));
        // reading after the end gives the end, not an error
        assertThat(shell.channel().output().read(buf, 0, 5)).isEqualTo(-1);
    }

    @Test
    void theShellExitingEndsTheSessionWithTheWholeOutputRecorded() throws Exception {
        JitShell shell = service(ALICE).openShell(request("gpu-01", "INC-42"), HostKeyPrompt.REFUSE);
        byte[] all = shell.channel().output().readAllBytes();
        assertThat(new String(all, StandardCharsets.UTF_8)).isEqualTo("gpu-01$ nvidia-smi\nok\n");
        assertThat(shell.ended()).isCompletedWithValue("shell exited 0");
        assertThat(scheduler.pending()).isZero();
        shell.close();
        assertThat(audit.count("SESSION_END")).isEqualTo(1);
        assertThat(audit.last("SESSION_END").details())
                .containsEntry("recordingSha256", Fakes.sha256(all))
                .containsEntry("bytes", Integer.toString(all.length));
        assertThat(audit.recordings.get(0).toByteArray()).isEqualTo(all);
    }

    @Test
    void userCloseEndsTheSession() throws Exception {
        JitShell shell = service(ALICE).openShell(request("gpu-01", "INC-42"), HostKeyPrompt.REFUSE);
        shell.close();
        assertThat(shell.ended()).isCompletedWithValue("closed by user");
        assertThat(scheduler.pending()).isZero();
        clock.advance(Duration.ofHours(1));
        scheduler.runDue();
        assertThat(audit.count("SESSION_END")).isEqualTo(1);
    }

    @Test
    void execRecordsTheCommandAndItsExitCode() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var svc = new JitAccessService(config("gpuadmin"), ALICE,
                new LocalCaSigner(new SignerConfig.LocalCa(caKey, null), clock), opener, audit, clock, scheduler,
                Map.of(), null);

        int exit = svc.exec(request("gpu-02", "INC-7"), "nvidia-smi -q", out, err, Duration.ofHours(2),
                HostKeyPrompt.REFUSE);

        assertThat(exit).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("GPU 0: H100\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("warn\n");
        assertThat(audit.events()).containsExactly("ACCESS_REQUESTED", "CERT_ISSUED", "SESSION_START", "COMMAND_RUN",
                "SESSION_END");
        assertThat(audit.last("COMMAND_RUN").details()).containsEntry("command", "nvidia-smi -q")
                .containsEntry("exitCode", "3").containsEntry("stdoutBytes", "12").containsEntry("stderrBytes", "5")
                .containsKey("durationMs");
        assertThat(audit.last("SESSION_END").details()).containsEntry("endReason", "command exited 3");
        // no bastion for gpu-02; the login is access.login
        var route = opener.routes.get(0);
        assertThat(route.jump()).isNull();
        assertThat(route.target().address().label()).isEqualTo("gpuadmin@10.0.0.12:2022");
        assertThat(audit.last("CERT_ISSUED").details()).containsEntry("principals", "gpuadmin");
        // a command never outlives its certificate; the key is gone afterwards
        assertThat(opener.lastTimeout).isEqualTo(Duration.ofMinutes(15));
        var identity = ((SshAuth.Certificate) route.target().auth()).identity();
        assertThatThrownBy(() -> identity.sign(new byte[] {1})).hasMessageContaining("destroyed");
    }

    @Test
    void signerFailuresAreRecordedWithoutSecrets() {
        CertificateSigner refusing = new CertificateSigner() {
            @Override
            public SignedCertificate sign(String publicKey, String keyId, List<String> principals, Duration ttl)
                    throws SignerException {
                throw new SignerException("Vault at https://vault:8200 refused to sign (HTTP 403): permission denied");
            }

            @Override
            public String describe() {
                return "vault https://vault:8200 ssh-client-signer/gpu-ops";
            }
        };
        assertThatThrownBy(() -> service(ALICE, refusing, Map.of(), null)
                .openShell(request("gpu-01", "INC-42"), HostKeyPrompt.REFUSE))
                .isInstanceOf(AccessFailedException.class)
                .hasMessageContaining("could not get a certificate").hasMessageContaining("permission denied");
        assertThat(audit.events()).containsExactly("ACCESS_REQUESTED", "SIGNER_FAILED");
        assertThat(audit.last("SIGNER_FAILED").details().get("error")).contains("HTTP 403");
        assertThat(opener.routes).isEmpty();
    }

    @Test
    void aCertificateForAnotherKeyIsRefused() {
        var real = new LocalCaSigner(new SignerConfig.LocalCa(caKey, null), clock);
        CertificateSigner swapping = new CertificateSigner() {
            @Override
            public SignedCertificate sign(String publicKey, String keyId, List<String> principals, Duration ttl)
                    throws SignerException {
                return real.sign(EphemeralKey.generate().publicKeyOpenSsh(), keyId, principals, ttl);
            }

            @Override
            public String describe() {
                return "swapping";
            }
        };
        assertThatThrownBy(() -> service(ALICE, swapping, Map.of(), null)
                .openShell(request("gpu-01", "INC-42"), HostKeyPrompt.REFUSE))
                .isInstanceOf(AccessFailedException.class).hasMessageContaining("different public key");
        assertThat(audit.events()).containsExactly("ACCESS_REQUESTED", "SIGNER_FAILED");
    }

    @Test
    void anUnknownHostKeyIsRecordedAsAFailedAccess() {
        var refusal = new HostKeyRefusal("gpu-01", SshException.Kind.HOST_KEY_UNKNOWN, "10.0.0.11", "ssh-ed25519",
                "SHA256:abc", null, Path.of("/kh/hosts"));
        opener.failWith = new SshException(SshException.Kind.HOST_KEY_UNKNOWN,
                "gpu-01: host key of 10.0.0.11 is not in /kh/hosts", null, refusal);
        assertThatThrownBy(() -> service(ALICE).openShell(request("gpu-01", "INC-42"), HostKeyPrompt.REFUSE))
                .isInstanceOf(AccessFailedException.class).hasMessageContaining("not in /kh/hosts")
                .extracting(Throwable::getCause).isSameAs(opener.failWith);
        assertThat(audit.events()).containsExactly("ACCESS_REQUESTED", "CERT_ISSUED", "ACCESS_FAILED");
        assertThat(audit.last("ACCESS_FAILED").details()).containsEntry("kind", "HOST_KEY_UNKNOWN")
                .containsEntry("fingerprint", "SHA256:abc");
    }

    @Test
    void systemTerminalNeedsAnAgent() {
        assertThatThrownBy(() -> service(ALICE).openInSystemTerminal(request("gpu-01", "INC-42")))
                .isInstanceOf(AccessFailedException.class)
                .hasMessage("no ssh-agent running; use the in-app terminal");
        assertThat(audit.entries).isEmpty();
    }

    @Test
    void systemTerminalGetsTheCertificateThroughTheAgent(@TempDir Path dir) throws Exception {
        List<List<String>> started = new ArrayList<>();
        var terminal = new SystemTerminal("Linux", p -> p.equals("xterm")) {
            @Override
            void start(List<String> commandLine) {
                started.add(commandLine);
            }
        };
        try (TestAgent agent = TestAgent.start(dir)) {
            var env = Map.of("SSH_AUTH_SOCK", agent.socket.toString());
            // the agent judges the lifetime by its own clock: use the real one here
            var svc = new JitAccessService(config(null), ALICE,
                    new LocalCaSigner(new SignerConfig.LocalCa(caKey, null), java.time.Clock.systemUTC()), opener,
                    audit, java.time.Clock.systemUTC(), scheduler, env, terminal);

            List<String> cmd = svc.openInSystemTerminal(request("gpu-01", "INC-42"));

            // ssh is hung up when the certificate's time is up (seconds left by the real clock)
            assertThat(Long.parseLong(cmd.get(4))).isBetween(890L, 900L);
            assertThat(cmd).containsExactly("xterm", "-e", "timeout", "--signal=HUP", cmd.get(4), "ssh",
                    "-o", "ProxyCommand=ssh -o StrictHostKeyChecking=yes -o UserKnownHostsFile=/kh/bastion "
                            + "-i /keys/bastion_ed25519 -p 2222 jump@127.0.0.1 -W %h:%p",
                    "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=/kh/hosts", "-p", "22",
                    "ops@10.0.0.11");
            assertThat(started).containsExactly(cmd);
            assertThat(OpenSsh.run(List.of("ssh-add", "-l"), env).output()).contains("ED25519-CERT")
                    .contains("alice/INC-42/");
            assertThat(audit.events()).containsExactly("ACCESS_REQUESTED", "CERT_ISSUED", "SESSION_START");
            assertThat(audit.last("SESSION_START").details()).containsEntry("terminal", "system")
                    .containsEntry("recording", "none");
            assertThat(Long.parseLong(audit.last("SESSION_START").details().get("agentLifetimeSeconds")))
                    .isBetween(890L, 900L);
            assertThat(opener.routes).isEmpty();
        }
    }

    @Test
    void systemTerminalSessionIsRecordedBeforeTheCertificateIsUsableAndAFailedStartToo(@TempDir Path dir)
            throws Exception {
        List<String> seenAtStart = new ArrayList<>();
        var terminal = new SystemTerminal("Linux", p -> p.equals("xterm")) {
            @Override
            void start(List<String> commandLine) throws java.io.IOException {
                seenAtStart.addAll(audit.events());
                throw new java.io.IOException("xterm: cannot open display");
            }
        };
        try (TestAgent agent = TestAgent.start(dir)) {
            var env = Map.of("SSH_AUTH_SOCK", agent.socket.toString());
            var svc = new JitAccessService(config(null), ALICE,
                    new LocalCaSigner(new SignerConfig.LocalCa(caKey, null), java.time.Clock.systemUTC()), opener,
                    audit, java.time.Clock.systemUTC(), scheduler, env, terminal);
            assertThatThrownBy(() -> svc.openInSystemTerminal(request("gpu-01", "INC-42")))
                    .isInstanceOf(AccessFailedException.class).hasMessageContaining("cannot open display");
            assertThat(seenAtStart).containsExactly("ACCESS_REQUESTED", "CERT_ISSUED", "SESSION_START");
            assertThat(audit.events()).containsExactly("ACCESS_REQUESTED", "CERT_ISSUED", "SESSION_START",
                    "ACCESS_FAILED");
            assertThat(audit.last("ACCESS_FAILED").details()).containsEntry("stage", "terminal");
        }
        // an agent that cannot take the key: the start is recorded first, then the failure
        Path notASocket = java.nio.file.Files.writeString(dir.resolve("not-a-socket"), "");
        var svc = service(ALICE, new LocalCaSigner(new SignerConfig.LocalCa(caKey, null), clock),
                Map.of("SSH_AUTH_SOCK", notASocket.toString()), terminal);
        audit.entries.clear();
        assertThatThrownBy(() -> svc.openInSystemTerminal(request("gpu-01", "INC-42")))
                .hasMessageContaining("could not add the certificate to the ssh-agent");
        assertThat(audit.events()).containsExactly("ACCESS_REQUESTED", "CERT_ISSUED", "SESSION_START",
                "ACCESS_FAILED");
    }

    @Test
    void theSystemTerminalCommandQuotesPathsForSshAndItsShell(@TempDir Path dir) throws Exception {
        Path odd = dir.resolve("kh dir/it's 100%");
        var bastion = new BastionConfig("bastion", "127.0.0.1", 2222, "jump", dir.resolve("id $x"), odd, null, null,
                0, null);
        var host = new HostConfig("gpu-01", "10.0.0.11", 22, "ops", "bastion", null, odd, List.of(), List.of(),
                null, null);
        var access = new AccessConfig(new SignerConfig.LocalCa(Path.of("/unused"), null), Duration.ofMinutes(15),
                null, null, Map.of("alice", "lead"), null, null);
        var cfg = new WatchfloorConfig(null, List.of(), WallConfig.DEFAULTS, CacheConfig.DEFAULTS, List.of(),
                List.of(), io.watchfloor.config.IncidentsConfig.DEFAULTS, List.of(), List.of(), List.of(),
                List.of(bastion), List.of(host), access);
        var svc = new JitAccessService(cfg, ALICE, new LocalCaSigner(new SignerConfig.LocalCa(caKey, null), clock),
                opener, audit, clock, scheduler, Map.of(), null);
        var g = new JitAccessService.Granted(host, "r", "x", null, null, null, T0, svc.route(host, "ops", null));
        List<String> ssh = svc.sshCommand(g, Duration.ofSeconds(61));
        assertThat(ssh.subList(0, 4)).containsExactly("timeout", "--signal=HUP", "61", "ssh");

        // what ssh makes of it: the target's known_hosts, and the proxy command with % tokens expanded
        List<String> probe = new ArrayList<>(List.of("ssh", "-G"));
        probe.addAll(ssh.subList(4, ssh.size()));
        String parsed = OpenSsh.run(probe, Map.of()).output();
        String knownHosts = parsed.lines().filter(l -> l.startsWith("userknownhostsfile ")).findFirst().orElseThrow();
        assertThat(knownHosts).isEqualTo("userknownhostsfile " + odd);
        String proxy = parsed.lines().filter(l -> l.startsWith("proxycommand ")).findFirst().orElseThrow()
                .substring("proxycommand ".length());
        // ssh -G shows the command before %-expansion; expand as ssh would, then let the shell split it
        String expanded = proxy.replace("%h", "10.0.0.11").replace("%p", "22").replace("%%", "%");
        String words = OpenSsh.run(List.of("sh", "-c", "for w in " + expanded + "; do printf '[%s]\\n' \"$w\"; done"),
                Map.of()).output();
        assertThat(words.lines().toList()).containsExactly("[ssh]", "[-o]", "[StrictHostKeyChecking=yes]", "[-o]",
                "[UserKnownHostsFile=\"" + odd.toString().replace("%", "%%") + "\"]", "[-i]",
                "[" + dir.resolve("id $x") + "]", "[-p]", "[2222]", "[jump@127.0.0.1]", "[-W]", "[10.0.0.11:22]");
    }

    @Test
    void aRecordedShellWithoutARecordingKeyIsRefusedBeforeSigning() {
        audit.canRecord = false;
        assertThatThrownBy(() -> service(ALICE).openShell(request("gpu-01", "INC-42"), HostKeyPrompt.REFUSE))
                .isInstanceOf(AccessFailedException.class)
                .hasMessage("no readable recordingKey: in-app shells are recorded; make one with "
                        + "`watchfloor audit keygen`");
        assertThat(audit.events()).containsExactly("ACCESS_REQUESTED", "ACCESS_FAILED");
        assertThat(audit.last("ACCESS_FAILED").details()).containsEntry("stage", "recording");
        assertThat(opener.routes).isEmpty();
    }

    @Test
    void execRecordsTheCommandAtTheStartAndEndsEvenWhenTheTransportCrashes() {
        opener.crashWith = new IllegalStateException("jsch blew up");
        assertThatThrownBy(() -> service(ALICE).exec(request("gpu-02", "INC-7"), "rm -rf /tmp/x", null, null,
                Duration.ofMinutes(1), HostKeyPrompt.REFUSE)).hasMessage("jsch blew up");
        assertThat(audit.events()).containsExactly("ACCESS_REQUESTED", "CERT_ISSUED", "SESSION_START",
                "SESSION_END");
        assertThat(audit.last("SESSION_START").details()).containsEntry("command", "rm -rf /tmp/x");
        assertThat(audit.last("SESSION_END").details()).containsEntry("endReason", "failed: jsch blew up");
    }

    @Test
    void closingTheConsoleEndsOpenSessionsWithTheirRecordings() throws Exception {
        var svc = service(ALICE);
        JitShell shell = svc.openShell(request("gpu-01", "INC-42"), HostKeyPrompt.REFUSE);
        assertThat(svc.liveSessions()).isEqualTo(1);
        svc.closeAll();
        assertThat(shell.ended()).isCompletedWithValue("console closed");
        assertThat(audit.finished).isEqualTo(1);
        assertThat(audit.last("SESSION_END").details()).containsEntry("endReason", "console closed")
                .containsKey("recordingSha256");
        assertThat(svc.liveSessions()).isZero();
        assertThat(opener.shell.closed).isTrue();
    }

    @Test
    void expiryIsHandedOffTheTimerThread() throws Exception {
        List<Runnable> handed = new ArrayList<>();
        var svc = new JitAccessService(config(null), ALICE,
                new LocalCaSigner(new SignerConfig.LocalCa(caKey, null), clock), opener, audit, clock, scheduler,
                handed::add, Map.of(), null);
        JitShell shell = svc.openShell(request("gpu-01", "INC-42"), HostKeyPrompt.REFUSE);
        clock.advance(Duration.ofMinutes(15));
        scheduler.runDue();
        assertThat(shell.ended()).as("the timer only hands the end over").isNotDone();
        assertThat(handed).hasSize(1);
        handed.get(0).run();
        assertThat(shell.ended()).isCompletedWithValue("certificate expired");
    }

    @Test
    void aCertificateLongerThanTheTtlStillClosesAtTheTtl() throws Exception {
        var real = new LocalCaSigner(new SignerConfig.LocalCa(caKey, null), clock);
        CertificateSigner generous = new CertificateSigner() {
            @Override
            public SignedCertificate sign(String publicKey, String keyId, List<String> principals, Duration ttl)
                    throws SignerException {
                return real.sign(publicKey, keyId, principals, Duration.ofHours(8));
            }

            @Override
            public String describe() {
                return "generous";
            }
        };
        JitShell shell = service(ALICE, generous, Map.of(), null).openShell(request("gpu-01", "INC-42"),
                HostKeyPrompt.REFUSE);
        var issued = audit.last("CERT_ISSUED").details();
        assertThat(issued).containsEntry("closesAt", T0.plus(Duration.ofMinutes(15)).toString());
        assertThat(Instant.parse(issued.get("validBefore"))).isAfter(T0.plus(Duration.ofHours(7)));
        assertThat(shell.validBefore()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        clock.advance(Duration.ofMinutes(15));
        scheduler.runDue();
        assertThat(shell.ended()).isCompletedWithValue("certificate expired");
    }
}
