package io.watchfloor.access.jit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A throwaway OpenSSH sshd on 127.0.0.1 that trusts only a user CA (no authorized keys). */
final class TestSshd implements AutoCloseable {
    final int port;
    private final Process process;

    private TestSshd(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static TestSshd trustingCa(Path dir, Path caPub) throws IOException, InterruptedException {
        Files.createDirectories(Path.of("/run/sshd"));
        Path hostKey = OpenSsh.keygen(dir.resolve("ssh_host_ed25519_key"), "ed25519", "");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile none",
                "TrustedUserCAKeys " + caPub,
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin yes",
                "UsePAM no",
                "StrictModes no",
                "") + "\n");
        Process p = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new TestSshd(port, p);
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IOException("sshd did not listen on " + port);
                }
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
