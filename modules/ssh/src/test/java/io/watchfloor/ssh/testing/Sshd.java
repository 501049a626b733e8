package io.watchfloor.ssh.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A throwaway OpenSSH server on 127.0.0.1 for tests: its own directory, host key and config, a free port, its log
 * (sshd -e, LogLevel VERBOSE) kept in memory. Readiness is the "Server listening" log line plus one successful TCP
 * connect, never a sleep. Shared with other modules through this module's test-jar.
 *
 * <pre>
 * try (Sshd sshd = Sshd.builder(dir).authorize(clientPub).start()) { ... sshd.port() ... }
 * </pre>
 */
public final class Sshd implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final Path hostKey;
    private final Process process;
    private final List<String> log = new ArrayList<>();

    public static boolean available() {
        return Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    public static final class Builder {
        private final Path dir;
        private int port;
        private Path hostKey;
        private Path hostCertificate;
        private Path trustedUserCaKeys;
        private final List<String> authorizedKeys = new ArrayList<>();
        private final List<String> extraConfig = new ArrayList<>();

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** A fixed port (to restart a server on the same address); default: a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Use this private host key (default: a new ed25519 key in the directory). */
        public Builder hostKey(Path privateKey) {
            this.hostKey = privateKey;
            return this;
        }

        /** Also present this host certificate (made with {@code ssh-keygen -s ca -h}). */
        public Builder hostCertificate(Path certificate) {
            this.hostCertificate = certificate;
            return this;
        }

        /** Accept user certificates signed by this CA public key file. */
        public Builder trustedUserCaKeys(Path caPublicKey) {
            this.trustedUserCaKeys = caPublicKey;
            return this;
        }

        /** Accept this public key line ({@code ssh-ed25519 AAAA... comment}). */
        public Builder authorize(String publicKeyLine) {
            authorizedKeys.add(publicKeyLine.strip());
            return this;
        }

        /** An sshd_config line; it wins over the fixture's own setting of the same keyword. */
        public Builder config(String line) {
            extraConfig.add(line);
            return this;
        }

        public Sshd start() throws IOException, InterruptedException {
            Files.createDirectories(dir);
            try {
                Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory
            } catch (IOException notRoot) {
                // sshd says why if it needs it
            }
            Path key = hostKey;
            if (key == null) {
                key = dir.resolve("ssh_host_ed25519_key");
                if (!Files.exists(key)) {
                    keygen(key);
                }
            }
            Path authorized = dir.resolve("authorized_keys");
            Files.write(authorized, authorizedKeys, StandardCharsets.UTF_8);
            int listen = port != 0 ? port : freePort();
            // sshd takes the first value of a keyword: extra lines go first so they override the defaults.
            List<String> conf = new ArrayList<>(extraConfig);
            conf.addAll(List.of(
                    "Port " + listen,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + key.toAbsolutePath(),
                    "PidFile none",
                    "AuthorizedKeysFile " + authorized.toAbsolutePath(),
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",
                    "PermitRootLogin prohibit-password",
                    "AllowTcpForwarding yes",
                    "MaxStartups 100:30:200",
                    "MaxSessions 100",
                    "LogLevel VERBOSE",
                    "PrintMotd no",
                    "Subsystem sftp internal-sftp"));
            if (hostCertificate != null) {
                conf.add("HostCertificate " + hostCertificate.toAbsolutePath());
            }
            if (trustedUserCaKeys != null) {
                conf.add("TrustedUserCAKeys " + trustedUserCaKeys.toAbsolutePath());
            }
            Path config = dir.resolve("sshd_config");
            Files.write(config, conf, StandardCharsets.UTF_8);
            return new Sshd(dir, listen, key, config);
        }
    }

    private Sshd(Path dir, int port, Path hostKey, Path config) throws IOException, InterruptedException {
        this.dir = dir;
        this.port = port;
        this.hostKey = hostKey;
        this.process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        Thread reader = new Thread(this::readLog, "sshd-log-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            awaitLog(line -> line.contains("Server listening on 127.0.0.1 port " + port), Duration.ofSeconds(10));
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private void readLog() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (log) {
                    log.add(line);
                    log.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the process ended
        } finally {
            synchronized (log) {
                log.add("<sshd exited>");
                log.notifyAll();
            }
        }
    }

    /** Waits for a log line; fails with the log so far if sshd exits or the time passes first. */
    public String awaitLog(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (log) {
            int seen = 0;
            while (true) {
                for (; seen < log.size(); seen++) {
                    if (wanted.test(log.get(seen))) {
                        return log.get(seen);
                    }
                    if (log.get(seen).equals("<sshd exited>")) {
                        throw new IllegalStateException("sshd on port " + port + " exited:\n" + String.join("\n", log));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("sshd on port " + port + ": line not seen in " + timeout + ":\n"
                            + String.join("\n", log));
                }
                TimeUnit.NANOSECONDS.timedWait(log, left);
            }
        }
    }

    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Log lines containing {@code text} so far. */
    public long count(String text) {
        return log().stream().filter(l -> l.contains(text)).count();
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Path hostKey() {
        return hostKey;
    }

    /** The host's public key line: {@code ssh-ed25519 AAAA...}. */
    public String hostPublicKey() {
        try {
            String[] f = Files.readString(Path.of(hostKey + ".pub")).strip().split(" ");
            return f[0] + " " + f[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] hostKeyBlob() {
        return Base64.getDecoder().decode(hostPublicKey().split(" ")[1]);
    }

    /** How known_hosts names this server: {@code [127.0.0.1]:port}. */
    public String knownHostsName() {
        return "[127.0.0.1]:" + port;
    }

    /** A known_hosts line trusting this server's key. */
    public String knownHostsLine() {
        return knownHostsName() + " " + hostPublicKey();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A new unencrypted ed25519 key pair: {@code file} and {@code file.pub}. */
    public static void keygen(Path file) throws IOException, InterruptedException {
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", file.toString());
    }

    /** Runs a command (ssh-keygen and friends), failing with its output when it exits non-zero; returns stdout. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
