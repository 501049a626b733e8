package io.watchfloor.access.jit;

import io.watchfloor.access.JitShell;
import io.watchfloor.ssh.ShellChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open just-in-time shell. What the host prints is copied into the recording on its way to the terminal; the
 * session closes itself when the certificate expires; whatever ends it (user, expiry, the shell exiting) ends it
 * once: the channel is closed, the key forgotten, the recording sealed and SESSION_END written with its hash.
 */
final class JitSession implements JitShell {
    private static final Logger LOG = LoggerFactory.getLogger(JitSession.class);
    static final String EXPIRED = "certificate expired";
    static final String CLOSED_BY_USER = "closed by user";
    static final String CONSOLE_CLOSED = "console closed";

    /** What the session hands back when it ends. */
    record End(String reason, long durationMs, long bytes, String recordingSha256, String error) {
    }

    private final String hostId;
    private final String requestId;
    private final SshCertificate certificate;
    private final ShellChannel shell;
    private final EphemeralKey key;
    private final AccessAudit.Recording recording;
    private final Clock clock;
    private final Instant started;
    private final Instant closesAt;
    private final Consumer<End> onEnd;
    private final AtomicBoolean ending = new AtomicBoolean();
    private final AtomicLong bytes = new AtomicLong();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final Channel channel = new Channel();
    private volatile ScheduledFuture<?> expiry;

    /** @param closesAt when the session is closed: the certificate's valid-before, or earlier when it outlives the TTL */
    JitSession(String hostId, String requestId, SshCertificate certificate, Instant closesAt, ShellChannel shell,
               EphemeralKey key, AccessAudit.Recording recording, Clock clock, Consumer<End> onEnd) {
        this.hostId = hostId;
        this.requestId = requestId;
        this.certificate = certificate;
        this.shell = shell;
        this.key = key;
        this.recording = recording;
        this.clock = clock;
        this.started = clock.instant();
        this.closesAt = closesAt;
        this.onEnd = onEnd;
    }

    /**
     * Schedules the close at {@link #validBefore()}; at once when that has passed. The timer only hands the close to
     * {@code ender}: ending blocks (SSH disconnect, sealing, the audit log) and must not hold up the timer thread that
     * serves the other sessions' expiry.
     */
    void closeAtExpiry(ScheduledExecutorService scheduler, Executor ender) {
        long delay = Math.max(0, Duration.between(clock.instant(), closesAt).toMillis());
        expiry = scheduler.schedule(() -> ender.execute(this::expire), delay, TimeUnit.MILLISECONDS);
    }

    /** Ends the session because its time is up (the only path that records "certificate expired"). */
    void expire() {
        end(EXPIRED);
    }

    @Override
    public String hostId() {
        return hostId;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public String keyId() {
        return certificate.keyId();
    }

    @Override
    public long serial() {
        return certificate.serial();
    }

    /** When the session closes: the certificate's end, or the TTL's when the signer gave a longer certificate. */
    @Override
    public Instant validBefore() {
        return closesAt;
    }

    @Override
    public ShellChannel channel() {
        return channel;
    }

    @Override
    public CompletableFuture<String> ended() {
        return ended;
    }

    @Override
    public void close() {
        end(CLOSED_BY_USER);
    }

    /** Ends the session once; later calls do nothing. A null reason: the shell ended, say with which status. */
    void end(String reason) {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> timer = expiry;
        if (timer != null) {
            timer.cancel(false);
        }
        try {
            shell.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the shell on {} failed", hostId, e);
        }
        key.destroy();
        if (reason == null) {
            // read after the close: the exit status can arrive just after the output's end
            int status = shell.exitStatus();
            reason = status >= 0 ? "shell exited " + status : "shell ended";
        }
        String sha = null;
        String error = null;
        try {
            sha = recording.finish();
        } catch (RuntimeException e) {
            error = "the recording could not be stored: " + e.getMessage();
            LOG.warn("{}: {}", hostId, error);
        }
        long durationMs = Math.max(0, Duration.between(started, clock.instant()).toMillis());
        try {
            onEnd.accept(new End(reason, durationMs, bytes.get(), sha, error));
        } finally {
            ended.complete(reason);
        }
    }

    /** The channel the terminal sees: output goes through the recording, and its end ends the session. */
    private final class Channel implements ShellChannel {
        private final InputStream output = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (ending.get()) {
                    return -1;
                }
                int n;
                try {
                    n = shell.output().read(b, off, len);
                } catch (IOException e) {
                    if (ending.get()) {
                        return -1; // closed under the reader by expiry or the user
                    }
                    throw e;
                }
                if (n < 0) {
                    end(null);
                    return -1;
                }
                bytes.addAndGet(n);
                try {
                    recording.output().write(b, off, n);
                } catch (IOException e) {
                    // sealed by a close on another thread while this chunk was in flight; the session is ending
                    LOG.debug("recording closed while output arrived", e);
                }
                return n;
            }

            @Override
            public int available() throws IOException {
                return ending.get() ? 0 : shell.output().available();
            }
        };

        @Override
        public InputStream output() {
            return output;
        }

        @Override
        public OutputStream input() {
            return shell.input();
        }

        @Override
        public void resize(int columns, int rows, int widthPixels, int heightPixels) {
            shell.resize(columns, rows, widthPixels, heightPixels);
        }

        @Override
        public boolean isOpen() {
            return !ending.get() && shell.isOpen();
        }

        @Override
        public int exitStatus() {
            return shell.exitStatus();
        }

        @Override
        public void close() {
            JitSession.this.close();
        }
    }
}
