package io.watchfloor.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.watchfloor.ssh.testing.InMemoryCertificate;
import io.watchfloor.ssh.testing.Sshd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport against real OpenSSH servers on 127.0.0.1 (bastion + target pairs, host keys, certificates). */
class SshSessionsTest {
    private static final String USER = System.getProperty("user.name");
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    static Path keys;
    static Path clientKey;

    @TempDir
    Path dir;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<HostKeyRefusal> refused = new CopyOnWriteArrayList<>();
    private final List<HostKeyPrompt.Answer> trusted = new CopyOnWriteArrayList<>();
    private final HostKeyEvents events = new HostKeyEvents() {
        @Override
        public void refused(HostKeyRefusal refusal) {
            refused.add(refusal);
        }

        @Override
        public void trusted(HostKeyRefusal unknown, HostKeyPrompt.Answer answer) {
            trusted.add(answer);
        }
    };
    private SshSessions ssh;

    @BeforeAll
    static void clientKey() throws Exception {
        assumeTrue(Sshd.available(), "openssh-server not installed");
        clientKey = keys.resolve("id_ed25519");
        Sshd.keygen(clientKey);
    }

    @BeforeEach
    void transport() {
        ssh = new SshSessions(SshSettings.DEFAULTS, events);
    }

    @AfterEach
    void close() throws Exception {
        ssh.close();
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    private Sshd sshd(String name) throws Exception {
        return sshd(Sshd.builder(dir.resolve(name)).authorize(Files.readString(Path.of(clientKey + ".pub"))));
    }

    private Sshd sshd(Sshd.Builder builder) throws Exception {
        Sshd s = builder.start();
        closing.add(s);
        return s;
    }

    private Path knownHosts(Sshd... servers) throws IOException {
        Path file = dir.resolve("known_hosts");
        List<String> lines = new ArrayList<>();
        for (Sshd s : servers) {
            lines.add(s.knownHostsLine());
        }
        Files.write(file, lines);
        return file;
    }

    private static SshHop hop(Sshd s, SshAuth auth, Path knownHosts) {
        return new SshHop(new SshAddress("127.0.0.1", s.port(), USER), auth, knownHosts);
    }

    private static SshAuth key() {
        return new SshAuth.KeyFiles(List.of(clientKey));
    }

    @Test
    void execThroughBastionGivesOutputAndExitStatusAndReusesSessions() throws Exception {
        Sshd bastion = sshd("bastion");
        Sshd target = sshd("target");
        Path known = knownHosts(bastion, target);
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), known), hop(bastion, key(), known));

        ExecResult r = ssh.exec(route, "echo out; echo err >&2; exit 3", T);

        assertThat(r).isEqualTo(new ExecResult(3, "out\n", "err\n"));
        long opened = ssh.connectionsOpened();
        assertThat(opened).as("one TCP connection to the bastion, one forward to the target").isEqualTo(2);
        target.awaitLog(l -> l.contains("Accepted publickey"), T);
        bastion.awaitLog(l -> l.contains("Accepted publickey"), T);

        ExecResult again = ssh.exec(route, "echo second", T);

        assertThat(again.stdout()).isEqualTo("second\n");
        assertThat(ssh.connectionsOpened()).as("pooled sessions reused").isEqualTo(opened);
        assertThat(bastion.count("Accepted publickey")).as("the bastion saw one login").isEqualTo(1);
        assertThat(target.count("Accepted publickey")).as("the target saw one login").isEqualTo(1);
    }

    @Test
    void aSecondHostBehindTheSameBastionSharesTheBastionSession() throws Exception {
        Sshd bastion = sshd("bastion");
        Sshd a = sshd("a");
        Sshd b = sshd("b");
        Path known = knownHosts(bastion, a, b);

        ssh.exec(new SshRoute("a", hop(a, key(), known), hop(bastion, key(), known)), "true", T);
        ssh.exec(new SshRoute("b", hop(b, key(), known), hop(bastion, key(), known)), "true", T);

        assertThat(ssh.connectionsOpened()).as("bastion once, then one forward per target").isEqualTo(3);
    }

    @Test
    void concurrentFirstUseOfARouteOpensOneSession() throws Exception {
        Sshd target = sshd("target");
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), knownHosts(target)), null);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<ExecResult>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(pool.submit(() -> ssh.exec(route, "echo ok", T)));
            }
            for (Future<ExecResult> f : all) {
                assertThat(f.get().stdout()).isEqualTo("ok\n");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ssh.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void aDroppedSessionIsReconnectedOnce() throws Exception {
        Sshd target = sshd("target");
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), knownHosts(target)), null);
        ssh.exec(route, "true", T);
        // Kill this session's sshd child (the parent keeps listening): the pooled session dies under us.
        try {
            ExecResult killed = ssh.exec(route, "kill -9 $PPID", T);
            assertThat(killed.exitCode()).isEqualTo(-1);
        } catch (SshException lost) {
            assertThat(lost).hasMessage("gpu-01: connection lost while the command ran");
        }

        assertThat(ssh.exec(route, "echo back", T).stdout()).isEqualTo("back\n");
        assertThat(ssh.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void aHostRefusingMoreChannelsKeepsItsSession() throws Exception {
        Sshd target = sshd(Sshd.builder(dir.resolve("target")).config("MaxSessions 1")
                .authorize(Files.readString(Path.of(clientKey + ".pub"))));
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), knownHosts(target)), null);
        Path go = dir.resolve("go");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<ExecResult> first = pool.submit(() -> ssh.exec(route,
                    "touch " + dir.resolve("started") + "; while [ ! -e " + go + " ]; do sleep 0.05; done; echo done",
                    T));
            assertTimeoutPreemptively(T, () -> {
                while (!Files.exists(dir.resolve("started"))) {
                    Thread.onSpinWait();
                }
            });
            assertThatThrownBy(() -> ssh.exec(route, "true", T)).isInstanceOfSatisfying(SshException.class,
                    e -> assertThat(e.getMessage()).startsWith("gpu-01: the host refused a new channel"));
            Files.createFile(go);
            assertThat(first.get().stdout()).as("the running command was not cut off").isEqualTo("done\n");
        } finally {
            pool.shutdownNow();
        }
        assertThat(ssh.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void aHungCommandTimesOutAndTheChannelIsClosed() throws Exception {
        Sshd target = sshd("target");
        SshRoute route = new SshRoute("gpu-07", hop(target, key(), knownHosts(target)), null);
        long start = System.nanoTime();

        assertThatThrownBy(() -> ssh.exec(route, "sleep 30", Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(SshException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SshException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo("gpu-07: command did not finish within 1 s; sent it SIGKILL and closed the channel");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(ssh.exec(route, "echo still-usable", T).stdout()).isEqualTo("still-usable\n");
    }

    @Test
    void aTimedOutCommandIsKilledOnTheHostNotLeftRunning() throws Exception {
        Sshd target = sshd(Sshd.builder(dir.resolve("target")).config("LogLevel DEBUG1")
                .authorize(Files.readString(Path.of(clientKey + ".pub"))));
        SshRoute route = new SshRoute("gpu-07", hop(target, key(), knownHosts(target)), null);
        Path marker = dir.resolve("marker-" + System.nanoTime());
        String token = marker.toString();

        assertThatThrownBy(() -> ssh.exec(route, "sleep 30; touch " + token, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(SshException.class,
                        e -> assertThat(e.kind()).isEqualTo(SshException.Kind.TIMEOUT));

        // The shell that would run "touch" (the only process whose command line holds the token) must go away;
        // without the signal it lives on for the rest of its 30 s and then creates the marker.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(token))) {
                Thread.onSpinWait();
            }
        }, () -> "the remote command is still running after the timeout; sshd said:\n"
                + String.join("\n", target.log()));
        assertThat(marker).doesNotExist();
    }

    @Test
    void hostsBehindASilentBastionFailFastAfterTheFirstTimeout() throws Exception {
        ssh.close();
        ssh = new SshSessions(SshSettings.DEFAULTS.withConnectTimeout(Duration.ofSeconds(1)), events);
        Path known = dir.resolve("known_hosts");
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            SshHop bastion = new SshHop(new SshAddress("127.0.0.1", silent.getLocalPort(), USER), key(), known);
            ExecutorService pool = Executors.newFixedThreadPool(10);
            List<Future<?>> all = new ArrayList<>();
            List<SshException> failures = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            try {
                for (int i = 0; i < 10; i++) {
                    SshHop target = new SshHop(new SshAddress("10.0.0." + (i + 1), 22, USER), key(), known);
                    SshRoute route = new SshRoute("gpu-" + i, target, bastion);
                    all.add(pool.submit(() -> {
                        try {
                            ssh.exec(route, "true", T);
                        } catch (SshException e) {
                            failures.add(e);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("one connect timeout for the bastion, not one per host").isLessThan(
                    Duration.ofMillis(2500));
            assertThat(failures).hasSize(10).allSatisfy(e -> {
                assertThat(e.kind()).isEqualTo(SshException.Kind.TIMEOUT);
                assertThat(e.getMessage()).contains("no SSH answer from 127.0.0.1:" + silent.getLocalPort()
                        + " (bastion)");
            });
            assertThat(failures).filteredOn(e -> e.getMessage().contains("(last tried ")).hasSize(9)
                    .allSatisfy(e -> assertThat(e.getMessage()).matches("gpu-\\d: no SSH answer .* within 1 s "
                            + "\\(last tried [0-9.]+ s ago\\)"));
        }
    }

    @Test
    void concurrencyIsBounded() throws Exception {
        ssh.close();
        ssh = new SshSessions(SshSettings.DEFAULTS.withMaxConcurrentExecs(2), events);
        Sshd target = sshd("target");
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), knownHosts(target)), null);
        Path running = Files.createDirectories(dir.resolve("running"));
        Path go = dir.resolve("go");
        // Each command counts the commands running beside it, then blocks until the test says go.
        String command = "touch " + running + "/$$; ls " + running + " | wc -l; "
                + "while [ ! -e " + go + " ]; do sleep 0.05; done; rm " + running + "/$$";
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<ExecResult>> all = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                all.add(pool.submit(() -> ssh.exec(route, command, T)));
            }
            assertTimeoutPreemptively(T, () -> {
                while (ssh.execsWaiting() < 3 || countFiles(running) < 2) {
                    Thread.onSpinWait();
                }
            });
            assertThat(countFiles(running)).isEqualTo(2);
            Files.createFile(go);
            for (Future<ExecResult> f : all) {
                assertThat(Integer.parseInt(f.get().stdout().strip())).isBetween(1, 2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long countFiles(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void unknownHostKeyIsRefusedWithItsFingerprint() throws Exception {
        Sshd target = sshd("target");
        Path empty = dir.resolve("empty_known_hosts");
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), empty), null);
        String expected = Sshd.run("ssh-keygen", "-l", "-E", "sha256", "-f", target.hostKey() + ".pub")
                .split(" ")[1];

        assertThatThrownBy(() -> ssh.exec(route, "true", T)).isInstanceOfSatisfying(SshException.class, e -> {
            assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY_UNKNOWN);
            assertThat(e.refusal().fingerprint()).isEqualTo(expected);
            assertThat(e.refusal().knownHostsName()).isEqualTo(target.knownHostsName());
            assertThat(e.getMessage()).startsWith("gpu-01: unknown host key for " + target.knownHostsName()
                    + " (ssh-ed25519 " + expected + ")");
        });
        assertThat(refused).extracting(HostKeyRefusal::fingerprint).containsExactly(expected);
        assertThat(empty).doesNotExist();
    }

    @Test
    void savedHostKeyIsAppendedAndTrustedNextTime() throws Exception {
        Sshd target = sshd("target");
        Path known = dir.resolve("new/known_hosts");
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), known), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = ssh.execOnce(route, unknown -> HostKeyPrompt.Answer.SAVE, "echo hi", out, OutputStreamNull.INSTANCE,
                T);

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hi\n");
        assertThat(trusted).containsExactly(HostKeyPrompt.Answer.SAVE);
        assertThat(Files.readAllLines(known)).containsExactly(target.knownHostsLine());
        assertThat(ssh.exec(route, "echo polled", T).stdout()).as("polling never prompts").isEqualTo("polled\n");
    }

    @Test
    void onceTrustsWithoutSaving() throws Exception {
        Sshd target = sshd("target");
        Path known = dir.resolve("known_hosts");
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), known), null);

        int exit = ssh.execOnce(route, unknown -> HostKeyPrompt.Answer.ONCE, "true", OutputStreamNull.INSTANCE,
                OutputStreamNull.INSTANCE, T);

        assertThat(exit).isZero();
        assertThat(known).doesNotExist();
    }

    @Test
    void changedHostKeyIsRefusedEvenWhenTheUserWouldSayYes() throws Exception {
        Sshd first = sshd("first");
        Path known = knownHosts(first);
        String oldPrint = Fingerprints.sha256(first.hostKeyBlob());
        int port = first.port();
        first.close();
        Sshd reinstalled = sshd(Sshd.builder(dir.resolve("reinstalled")).port(port)
                .authorize(Files.readString(Path.of(clientKey + ".pub"))));
        String newPrint = Fingerprints.sha256(reinstalled.hostKeyBlob());
        SshRoute route = new SshRoute("gpu-01", hop(reinstalled, key(), known), null);

        assertThatThrownBy(() -> ssh.execOnce(route, unknown -> HostKeyPrompt.Answer.SAVE, "true",
                OutputStreamNull.INSTANCE, OutputStreamNull.INSTANCE, T))
                .isInstanceOfSatisfying(SshException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY_CHANGED);
                    assertThat(e.refusal().expected()).isEqualTo(oldPrint);
                    assertThat(e.refusal().fingerprint()).isEqualTo(newPrint);
                    assertThat(e.getMessage()).contains(oldPrint, newPrint, "HOST KEY CHANGED");
                });
        assertThat(trusted).isEmpty();
        assertThat(refused).hasSize(1);
    }

    @Test
    void aKeyOfAnotherTypeForAKnownHostIsRefusedAsChangedWithoutAsking() throws Exception {
        Path ecdsa = dir.resolve("ecdsa_host_key");
        Sshd.run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "mitm", "-f", ecdsa.toString());
        Sshd mitm = sshd(Sshd.builder(dir.resolve("mitm")).hostKey(ecdsa)
                .authorize(Files.readString(Path.of(clientKey + ".pub"))));
        Path realKey = dir.resolve("real_host_key");
        Sshd.keygen(realKey);
        String[] real = Files.readString(Path.of(realKey + ".pub")).strip().split(" ");
        Path known = dir.resolve("known_hosts");
        Files.write(known, List.of(mitm.knownHostsName() + " " + real[0] + " " + real[1]));
        String realPrint = Fingerprints.sha256(java.util.Base64.getDecoder().decode(real[1]));
        SshRoute route = new SshRoute("gpu-01", hop(mitm, key(), known), null);
        List<HostKeyRefusal> asked = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> ssh.execOnce(route, unknown -> {
            asked.add(unknown);
            return HostKeyPrompt.Answer.SAVE;
        }, "true", OutputStreamNull.INSTANCE, OutputStreamNull.INSTANCE, T))
                .isInstanceOfSatisfying(SshException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY_CHANGED);
                    assertThat(e.refusal().keyType()).startsWith("ecdsa-sha2-");
                    assertThat(e.refusal().expected()).isEqualTo("ssh-ed25519 " + realPrint);
                    assertThat(e.getMessage()).contains("HOST KEY CHANGED", realPrint);
                });
        assertThat(asked).as("never put to the prompt").isEmpty();
        assertThat(trusted).isEmpty();
        assertThat(Files.readAllLines(known)).hasSize(1);
    }

    @Test
    void aHostCertificateFromAnotherCaIsRefusedAsChangedWithoutAsking() throws Exception {
        Path trustedCa = dir.resolve("trusted_ca");
        Sshd.keygen(trustedCa);
        Path rogueCa = dir.resolve("rogue_ca");
        Sshd.keygen(rogueCa);
        Path hostKey = dir.resolve("target_host_key");
        Sshd.keygen(hostKey);
        Sshd.run("ssh-keygen", "-q", "-s", rogueCa.toString(), "-I", "target", "-h", "-n", "127.0.0.1", "-V", "+5m",
                hostKey + ".pub");
        Sshd target = sshd(Sshd.builder(dir.resolve("target")).hostKey(hostKey)
                .hostCertificate(Path.of(hostKey + "-cert.pub"))
                .authorize(Files.readString(Path.of(clientKey + ".pub"))));
        Path known = dir.resolve("known_hosts");
        Files.write(known, List.of("@cert-authority [127.0.0.1]:* " + Files.readString(Path.of(trustedCa + ".pub"))
                .strip()));
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), known), null);
        List<HostKeyRefusal> asked = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> ssh.execOnce(route, unknown -> {
            asked.add(unknown);
            return HostKeyPrompt.Answer.SAVE;
        }, "true", OutputStreamNull.INSTANCE, OutputStreamNull.INSTANCE, T))
                .isInstanceOfSatisfying(SshException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY_CHANGED);
                    assertThat(e.getMessage()).contains("HOST KEY CHANGED", "@cert-authority");
                });
        assertThat(asked).as("never put to the prompt").isEmpty();
        assertThat(refused).hasSize(1);
    }

    @Test
    void revokedHostKeyIsRefused() throws Exception {
        Sshd target = sshd("target");
        Path known = dir.resolve("known_hosts");
        Files.write(known, List.of(target.knownHostsLine(), "@revoked * " + target.hostPublicKey()));
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), known), null);

        assertThatThrownBy(() -> ssh.exec(route, "true", T)).isInstanceOfSatisfying(SshException.class,
                e -> assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY_REVOKED));
    }

    @Test
    void hashedKnownHostsEntryIsAccepted() throws Exception {
        Sshd target = sshd("target");
        Path known = knownHosts(target);
        Sshd.run("ssh-keygen", "-q", "-H", "-f", known.toString());
        assertThat(Files.readString(known)).startsWith("|1|").doesNotContain("127.0.0.1");
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), known), null);

        assertThat(ssh.exec(route, "echo hashed", T).stdout()).isEqualTo("hashed\n");
    }

    @Test
    void unknownBastionKeyIsReportedAsTheBastions() throws Exception {
        Sshd bastion = sshd("bastion");
        Sshd target = sshd("target");
        Path onlyTarget = knownHosts(target);
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), onlyTarget), hop(bastion, key(), onlyTarget));

        assertThatThrownBy(() -> ssh.exec(route, "true", T)).isInstanceOfSatisfying(SshException.class, e -> {
            assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY_UNKNOWN);
            assertThat(e.getMessage()).contains("bastion " + bastion.knownHostsName());
        });
    }

    @Test
    void closedPortAndDeadTargetBehindBastionAreUnreachable() throws Exception {
        Sshd bastion = sshd("bastion");
        Sshd gone = sshd("gone");
        Path known = knownHosts(bastion, gone);
        int port = gone.port();
        gone.close();
        SshHop target = new SshHop(new SshAddress("127.0.0.1", port, USER), key(), known);

        assertThatThrownBy(() -> ssh.exec(new SshRoute("gpu-01", target, null), "true", T))
                .isInstanceOfSatisfying(SshException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SshException.Kind.UNREACHABLE);
                    assertThat(e.getMessage()).isEqualTo("gpu-01: connection refused by 127.0.0.1:" + port);
                });
        assertThatThrownBy(() -> ssh.exec(new SshRoute("gpu-01", target, hop(bastion, key(), known)), "true", T))
                .isInstanceOfSatisfying(SshException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SshException.Kind.UNREACHABLE);
                    assertThat(e.getMessage()).startsWith("gpu-01: 127.0.0.1:" + port
                            + " unreachable through bastion 127.0.0.1:" + bastion.port());
                });
    }

    @Test
    void aServerThatNeverSpeaksTimesOutDirectlyAndThroughTheBastion() throws Exception {
        ssh.close();
        ssh = new SshSessions(SshSettings.DEFAULTS.withConnectTimeout(Duration.ofSeconds(1)), events);
        Sshd bastion = sshd("bastion");
        Path known = knownHosts(bastion);
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            SshHop target = new SshHop(new SshAddress("127.0.0.1", silent.getLocalPort(), USER), key(), known);
            for (SshRoute route : List.of(new SshRoute("gpu-09", target, null),
                    new SshRoute("gpu-09", target, hop(bastion, key(), known)))) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> ssh.exec(route, "true", T)).isInstanceOfSatisfying(SshException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SshException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).startsWith("gpu-09: no SSH answer from 127.0.0.1:"
                            + silent.getLocalPort()).endsWith("within 1 s");
                });
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void defaultKeysComeFromSshAgent() throws Exception {
        Sshd target = sshd("target");
        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .start();
        closing.add(agent::destroy);
        assertTimeoutPreemptively(T, () -> {
            while (!Files.exists(socket)) {
                Thread.onSpinWait();
            }
        });
        ProcessBuilder add = new ProcessBuilder("ssh-add", clientKey.toString()).redirectErrorStream(true);
        add.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process adding = add.start();
        assertThat(adding.waitFor()).as(new String(adding.getInputStream().readAllBytes())).isZero();
        String home = System.getProperty("user.home");
        Auth.agentSocket = () -> socket.toString();
        System.setProperty("user.home", dir.resolve("empty-home").toString()); // no ~/.ssh keys to fall back on
        try {
            SshRoute route = new SshRoute("gpu-01", hop(target, new SshAuth.DefaultKeys(), knownHosts(target)), null);
            assertThat(ssh.exec(route, "echo agent", T).stdout()).isEqualTo("agent\n");
        } finally {
            System.setProperty("user.home", home);
            Auth.agentSocket = Auth.FROM_ENVIRONMENT;
        }
    }

    @Test
    void defaultKeysComeFromHomeWithoutAnAgent() throws Exception {
        Sshd target = sshd("target");
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".ssh"));
        Files.copy(clientKey, home.resolve(".ssh/id_ed25519"));
        String realHome = System.getProperty("user.home");
        Auth.agentSocket = () -> null;
        System.setProperty("user.home", home.toString());
        try {
            SshRoute route = new SshRoute("gpu-01", hop(target, new SshAuth.DefaultKeys(), knownHosts(target)), null);
            assertThat(ssh.exec(route, "echo home", T).stdout()).isEqualTo("home\n");
        } finally {
            System.setProperty("user.home", realHome);
            Auth.agentSocket = Auth.FROM_ENVIRONMENT;
        }
    }

    @Test
    void wrongKeyIsAuthRefused() throws Exception {
        Sshd target = sshd("target");
        Path other = dir.resolve("other_key");
        Sshd.keygen(other);
        SshRoute route = new SshRoute("gpu-01", hop(target, new SshAuth.KeyFiles(List.of(other)), knownHosts(target)),
                null);

        assertThatThrownBy(() -> ssh.exec(route, "true", T)).isInstanceOfSatisfying(SshException.class, e -> {
            assertThat(e.kind()).isEqualTo(SshException.Kind.AUTH_REFUSED);
            assertThat(e.getMessage()).startsWith("gpu-01: " + USER + "@127.0.0.1:" + target.port() + " refused key ");
        });
    }

    @Test
    void missingKeyFileIsNamedWithoutItsContents() throws Exception {
        Sshd target = sshd("target");
        Path missing = dir.resolve("no_such_key");
        SshRoute route = new SshRoute("gpu-01", hop(target, new SshAuth.KeyFiles(List.of(missing)),
                knownHosts(target)), null);

        assertThatThrownBy(() -> ssh.exec(route, "true", T)).isInstanceOfSatisfying(SshException.class, e -> {
            assertThat(e.kind()).isEqualTo(SshException.Kind.AUTH_REFUSED);
            assertThat(e.getMessage()).isEqualTo("gpu-01: cannot use key file " + missing + " for " + USER
                    + "@127.0.0.1:" + target.port() + " (missing, unreadable or not a private key)");
        });
    }

    @Test
    void userCertificateAuthenticatesAndAnExpiredOneIsRefused() throws Exception {
        Path ca = dir.resolve("user_ca");
        Sshd.keygen(ca);
        Sshd bastion = sshd("bastion");
        Sshd target = sshd(Sshd.builder(dir.resolve("target")).trustedUserCaKeys(Path.of(ca + ".pub")));
        Path known = knownHosts(bastion, target);
        InMemoryCertificate valid = InMemoryCertificate.issue(dir.resolve("certs"), ca, "alice-jit-1", USER, "+5m");
        SshRoute route = new SshRoute("gpu-01", hop(target, new SshAuth.Certificate(valid), known),
                hop(bastion, key(), known));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ssh.execOnce(route, HostKeyPrompt.REFUSE, "whoami", out, OutputStreamNull.INSTANCE, T)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(USER + "\n");
        target.awaitLog(l -> l.contains("Accepted publickey") && l.contains("ID alice-jit-1"), T);

        InMemoryCertificate expired = InMemoryCertificate.issue(dir.resolve("certs"), ca, "alice-old", USER,
                "-2h:-1h");
        SshRoute old = new SshRoute("gpu-01", hop(target, new SshAuth.Certificate(expired), known),
                hop(bastion, key(), known));
        assertThatThrownBy(() -> ssh.execOnce(old, HostKeyPrompt.REFUSE, "true", OutputStreamNull.INSTANCE,
                OutputStreamNull.INSTANCE, T)).isInstanceOfSatisfying(SshException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SshException.Kind.AUTH_REFUSED);
                    assertThat(e.getMessage()).contains("certificate alice-old");
                });
    }

    @Test
    void hostCertificateSignedByATrustedCaIsAccepted() throws Exception {
        Path hostCa = dir.resolve("host_ca");
        Sshd.keygen(hostCa);
        Path hostKey = dir.resolve("target_host_key");
        Sshd.keygen(hostKey);
        Sshd.run("ssh-keygen", "-q", "-s", hostCa.toString(), "-I", "target", "-h", "-n", "127.0.0.1", "-V", "+5m",
                hostKey + ".pub");
        Sshd target = sshd(Sshd.builder(dir.resolve("target")).hostKey(hostKey)
                .hostCertificate(Path.of(hostKey + "-cert.pub"))
                .authorize(Files.readString(Path.of(clientKey + ".pub"))));
        String ca = Files.readString(Path.of(hostCa + ".pub")).strip();
        Path known = dir.resolve("known_hosts");
        Files.write(known, List.of("@cert-authority [127.0.0.1]:* " + ca));
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), known), null);

        assertThat(ssh.exec(route, "echo via-ca", T).stdout()).isEqualTo("via-ca\n");
        assertThat(refused).isEmpty();

        Files.write(known, List.of("@cert-authority [127.0.0.1]:* " + ca, "@revoked * " + ca));
        SshSessions fresh = new SshSessions(SshSettings.DEFAULTS, events);
        closing.add(fresh);
        assertThatThrownBy(() -> fresh.exec(route, "true", T)).isInstanceOfSatisfying(SshException.class,
                e -> assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY_REVOKED));

        Files.write(known, List.of("@cert-authority *.example.org " + ca));
        assertThatThrownBy(() -> fresh.exec(route, "true", T)).as("CA not trusted for this host")
                .isInstanceOfSatisfying(SshException.class,
                        e -> assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY_UNKNOWN));
    }

    @Test
    void shellHasAPtyThatEchoesAndResizes() throws Exception {
        Sshd bastion = sshd("bastion");
        Sshd target = sshd("target");
        Path known = knownHosts(bastion, target);
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), known), hop(bastion, key(), known));

        try (ShellChannel shell = ssh.openShell(route, HostKeyPrompt.REFUSE, "xterm-256color", 120, 30)) {
            assertThat(shell.isOpen()).isTrue();
            type(shell, "stty size; echo mark-$((6*7))\n");
            // Each readUntil reads on a thread of its own, as a UI may: the output must survive its readers.
            assertThat(readUntil(shell.output(), "mark-42")).contains("30 120");
            shell.resize(100, 40, 0, 0);
            type(shell, "stty size; echo $TERM; echo mark-$((7*7))\n");
            assertThat(readUntil(shell.output(), "mark-49")).contains("40 100", "xterm-256color");
            type(shell, "exit 5\n");
            assertTimeoutPreemptively(T, () -> {
                while (shell.output().read() != -1) {
                    // drain until the shell ends
                }
            });
            assertTimeoutPreemptively(T, () -> {
                while (shell.isOpen()) {
                    Thread.onSpinWait();
                }
            });
            assertThat(shell.exitStatus()).isEqualTo(5);
        }
    }

    private static void type(ShellChannel shell, String text) throws IOException {
        shell.input().write(text.getBytes(StandardCharsets.UTF_8));
        shell.input().flush();
    }

    /** Reads until {@code marker} appears on its own in the output (the echo of the typed line does not count). */
    private static String readUntil(InputStream in, String marker) {
        return assertTimeoutPreemptively(T, () -> {
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[4096];
            while (!seen.toString().contains("\n" + marker) && !seen.toString().contains("\r" + marker)) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            return seen.toString();
        });
    }

    @Test
    void closedTransportRefusesWork() throws Exception {
        Sshd target = sshd("target");
        SshRoute route = new SshRoute("gpu-01", hop(target, key(), knownHosts(target)), null);
        ssh.close();
        assertThatThrownBy(() -> ssh.exec(route, "true", T)).isInstanceOfSatisfying(SshException.class,
                e -> assertThat(e.kind()).isEqualTo(SshException.Kind.CLOSED));
    }

    /** Discards output. */
    static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }
    }
}
