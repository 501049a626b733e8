package io.watchfloor.access.jit;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Hands a key and its certificate to the running ssh-agent (draft-miller-ssh-agent, SSH2_AGENTC_ADD_ID_CONSTRAINED)
 * with a lifetime, so the user's own {@code ssh} can use it and the agent forgets it when the certificate expires.
 * Nothing is written to disk.
 */
final class SshAgent {
    static final int SSH2_AGENTC_ADD_ID_CONSTRAINED = 25;
    static final int SSH_AGENT_CONSTRAIN_LIFETIME = 1;
    static final int SSH_AGENT_SUCCESS = 6;

    private final Path socket;

    SshAgent(Path socket) {
        this.socket = socket;
    }

    /** The agent named by SSH_AUTH_SOCK, or null when none is running. */
    static SshAgent fromEnvironment(java.util.Map<String, String> env) {
        String sock = env.get("SSH_AUTH_SOCK");
        if (sock == null || sock.isBlank() || !Files.exists(Path.of(sock))) {
            return null;
        }
        return new SshAgent(Path.of(sock));
    }

    Path socket() {
        return socket;
    }

    /** Adds {@code key} with {@code certificate}, to be forgotten after {@code lifetime}. */
    void addCertificate(EphemeralKey key, SshCertificate certificate, Duration lifetime, String comment)
            throws IOException {
        byte[] seed = key.privateSeed();
        byte[] pub = key.rawPublicKey();
        byte[] secret = new byte[64]; // OpenSSH's ed25519 private key: seed || public
        System.arraycopy(seed, 0, secret, 0, 32);
        System.arraycopy(pub, 0, secret, 32, 32);
        byte[] body = new SshWire.Writer()
                .byte1(SSH2_AGENTC_ADD_ID_CONSTRAINED)
                .string(certificate.type())
                .string(certificate.blob())
                .string(pub)
                .string(secret)
                .string(comment)
                .byte1(SSH_AGENT_CONSTRAIN_LIFETIME)
                .uint32(Math.max(1, lifetime.toSeconds()))
                .bytes();
        byte[] message = new SshWire.Writer().string(body).bytes();
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(body, (byte) 0);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(message);
            while (out.hasRemaining()) {
                ch.write(out);
            }
            Arrays.fill(message, (byte) 0);
            ByteBuffer len = readFully(ch, 4);
            int n = len.getInt();
            if (n < 1 || n > 1 << 16) {
                throw new IOException("the ssh-agent answered with a malformed reply");
            }
            int code = readFully(ch, n).get() & 0xff;
            if (code != SSH_AGENT_SUCCESS) {
                throw new IOException("the ssh-agent refused the certificate (reply " + code + ")");
            }
        }
    }

    private static ByteBuffer readFully(SocketChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("the ssh-agent closed the connection");
            }
        }
        return b.flip();
    }
}
