package io.watchfloor.access;

import io.watchfloor.ssh.ShellChannel;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * An open just-in-time shell: the channel to draw and type into, and the certificate it runs under. Closes itself
 * when the certificate expires. Whatever ends it, the session-end record (with the recording's hash) is written once.
 */
public interface JitShell extends AutoCloseable {
    String hostId();

    String requestId();

    /** The certificate's key id: {@code user/reason/request-id}. */
    String keyId();

    long serial();

    Instant validBefore();

    /** Read what the host prints here and type into it; the recording sits between. */
    ShellChannel channel();

    /** Completes with why the session ended ("closed by user", "certificate expired", "shell exited 0"). */
    CompletableFuture<String> ended();

    /** Closes by the user. Idempotent. */
    @Override
    void close();
}
