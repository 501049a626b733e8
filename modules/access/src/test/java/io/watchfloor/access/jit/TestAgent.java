package io.watchfloor.access.jit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A throwaway ssh-agent in the foreground on a socket in a temp dir. */
final class TestAgent implements AutoCloseable {
    final Path socket;
    private final Process process;

    private TestAgent(Path socket, Process process) {
        this.socket = socket;
        this.process = process;
    }

    static TestAgent start(Path dir) throws IOException {
        Path sock = dir.resolve("agent.sock");
        Process p = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // the socket file appears at bind(), before listen(): only a connection that is accepted says it is ready
        while (!accepts(sock)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("ssh-agent did not start");
            }
            Thread.onSpinWait();
        }
        return new TestAgent(sock, p);
    }

    private static boolean accepts(Path sock) {
        if (!Files.exists(sock)) {
            return false;
        }
        try (java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(sock))) {
            return c.isConnected();
        } catch (IOException refused) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
