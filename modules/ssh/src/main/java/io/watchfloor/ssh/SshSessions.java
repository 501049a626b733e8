package io.watchfloor.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSch transport. For polling ({@link SshExecutor}) it keeps one session per bastion, shared by every host behind
 * it, and one per target, reused across calls with keepalive; a session found dead is dropped and reconnected once.
 * For just-in-time access ({@link ShellOpener}) every call gets fresh sessions that close with it. Host keys are
 * always checked against the hop's known_hosts ({@link HostKeyCheck}); polling never prompts.
 */
public final class SshSessions implements SshExecutor, ShellOpener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshSessions.class);
    /** Output kept per stream of one polled command; the rest is dropped (a runaway command must not fill memory). */
    static final int MAX_OUTPUT_BYTES = 4 << 20;

    private final SshSettings settings;
    private final HostKeyEvents events;
    private final Semaphore execSlots;
    private final Map<PoolKey, Slot> pool = new ConcurrentHashMap<>();
    private final AtomicLong connectionsOpened = new AtomicLong();
    /** Tags each command's processes on the host ({@link #kill}); random per transport so runs never collide. */
    private static final String RUN_TAG = "WATCHFLOOR_RUN";
    private final String runTagPrefix = Long.toHexString(new java.security.SecureRandom().nextLong() >>> 1) + "-";
    private final AtomicLong runs = new AtomicLong();
    private volatile boolean closed;

    /** A pooled session: the bastion ({@code via == null}) or a target behind {@code via} (or direct). */
    private record PoolKey(SshHop via, SshHop hop) {
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        Session session;
        volatile long lastUsedNanos = System.nanoTime();
        /** A bastion's last connect failure (text without the host id that hit it) and when; null when none. */
        String failure;
        SshException.Kind failureKind;
        long failedAtNanos;
    }

    public SshSessions(SshSettings settings, HostKeyEvents events) {
        this.settings = settings;
        this.events = events == null ? HostKeyEvents.NONE : events;
        this.execSlots = new Semaphore(settings.maxConcurrentExecs(), true);
    }

    /** TCP connections plus bastion forwards opened so far; pooled reuse leaves it unchanged. */
    public long connectionsOpened() {
        return connectionsOpened.get();
    }

    /** exec calls waiting for a slot right now (maxConcurrentExecs are running). */
    public int execsWaiting() {
        return execSlots.getQueueLength();
    }

    // ---------------------------------------------------------------- polling: pooled sessions

    @Override
    public ExecResult exec(SshRoute route, String command, Duration timeout) throws SshException, InterruptedException {
        return exec(route, command, timeout, stage -> { });
    }

    /** Connecting the bastion and then the target may each take the connect timeout. */
    @Override
    public Duration setupAllowance() {
        return settings.connectTimeout().multipliedBy(2);
    }

    @Override
    public ExecResult exec(SshRoute route, String command, Duration timeout, java.util.function.Consumer<String> stage)
            throws SshException, InterruptedException {
        ensureOpen();
        stage.accept("waiting for a free SSH slot (" + settings.maxConcurrentExecs() + " commands at once)");
        execSlots.acquire();
        try {
            closeIdle();
            for (int attempt = 0; ; attempt++) {
                Session session = pooledTarget(route, stage);
                stage.accept("opening a channel to " + route.target().address().label());
                ChannelExec channel;
                try {
                    channel = (ChannelExec) session.openChannel("exec");
                } catch (JSchException down) {
                    drop(new PoolKey(route.jump(), route.target()), session);
                    if (attempt == 0) {
                        continue;
                    }
                    throw new SshException(SshException.Kind.UNREACHABLE, route.hostId() + ": session dropped", null);
                }
                Capture out = new Capture(null, MAX_OUTPUT_BYTES);
                Capture err = new Capture(null, MAX_OUTPUT_BYTES);
                try {
                    int exit = run(route, session, channel, command, out, err, timeout, stage);
                    return new ExecResult(exit, out.text(), err.text());
                } catch (StaleSession stale) {
                    drop(new PoolKey(route.jump(), route.target()), session);
                    if (attempt == 0) {
                        continue;
                    }
                    throw stale.asException(route.hostId());
                }
            }
        } finally {
            execSlots.release();
        }
    }

    /** The pooled session to the route's target, connecting it (and its bastion) when missing or dead. */
    private Session pooledTarget(SshRoute route, java.util.function.Consumer<String> stage)
            throws SshException, InterruptedException {
        PoolKey key = new PoolKey(route.jump(), route.target());
        Slot slot = pool.computeIfAbsent(key, k -> new Slot());
        slot.lock.lockInterruptibly();
        try {
            ensureOpen();
            slot.lastUsedNanos = System.nanoTime();
            if (route.jump() != null) {
                touch(new PoolKey(null, route.jump()));
            }
            if (slot.session != null && slot.session.isConnected()) {
                return slot.session;
            }
            disconnect(slot.session);
            slot.session = null;
            if (route.jump() == null) {
                stage.accept("connecting to " + route.target().address().label());
                slot.session = connect(route.hostId(), route.target(), null, false, null, HostKeyPrompt.REFUSE);
                return slot.session;
            }
            for (int attempt = 0; ; attempt++) {
                Session bastion = pooledBastion(route, stage);
                stage.accept("connecting to " + route.target().address().label() + " through bastion "
                        + route.jump().address().label());
                try {
                    slot.session = connect(route.hostId(), route.target(), route.jump(), false, bastion,
                            HostKeyPrompt.REFUSE);
                    return slot.session;
                } catch (SshException e) {
                    if (attempt == 0 && !bastion.isConnected()) {
                        drop(new PoolKey(null, route.jump()), bastion);
                        continue;
                    }
                    throw e;
                }
            }
        } finally {
            slot.lock.unlock();
        }
    }

    private Session pooledBastion(SshRoute route, java.util.function.Consumer<String> stage)
            throws SshException, InterruptedException {
        Slot slot = pool.computeIfAbsent(new PoolKey(null, route.jump()), k -> new Slot());
        stage.accept("connecting to bastion " + route.jump().address().label());
        slot.lock.lockInterruptibly();
        try {
            ensureOpen();
            slot.lastUsedNanos = System.nanoTime();
            if (slot.session == null || !slot.session.isConnected()) {
                disconnect(slot.session);
                slot.session = null;
                long now = System.nanoTime();
                long since = now - slot.failedAtNanos;
                if (slot.failure != null && since < settings.connectTimeout().toNanos()) {
                    // Every host behind a silent bastion waits on this lock; without this each would spend its
                    // own connect timeout on the same dead bastion, one after another.
                    throw new SshException(slot.failureKind, route.hostId() + ": " + slot.failure + " (last tried "
                            + Failures.seconds(Duration.ofMillis(Math.max(0, since / 1_000_000))) + " ago)", null);
                }
                try {
                    slot.session = connect(route.hostId(), route.jump(), null, true, null, HostKeyPrompt.REFUSE);
                    slot.failure = null;
                } catch (SshException e) {
                    if (e.kind() == SshException.Kind.UNREACHABLE || e.kind() == SshException.Kind.TIMEOUT) {
                        slot.failure = withoutHost(route.hostId(), e.getMessage());
                        slot.failureKind = e.kind();
                        slot.failedAtNanos = System.nanoTime();
                    }
                    throw e;
                }
            }
            return slot.session;
        } finally {
            slot.lock.unlock();
        }
    }

    private static String withoutHost(String hostId, String message) {
        return message.startsWith(hostId + ": ") ? message.substring(hostId.length() + 2) : message;
    }

    private void touch(PoolKey key) {
        Slot slot = pool.get(key);
        if (slot != null) {
            slot.lastUsedNanos = System.nanoTime();
        }
    }

    private void drop(PoolKey key, Session dead) {
        Slot slot = pool.get(key);
        if (slot == null) {
            return;
        }
        slot.lock.lock();
        try {
            if (slot.session == dead) {
                slot.session = null;
            }
        } finally {
            slot.lock.unlock();
        }
        disconnect(dead);
    }

    /** Closes pooled sessions nobody used for maxSessionsIdle; skips any another thread holds right now. */
    private void closeIdle() {
        long maxIdle = settings.maxSessionsIdle().toNanos();
        if (maxIdle <= 0) {
            return;
        }
        long now = System.nanoTime();
        for (Slot slot : pool.values()) {
            if (now - slot.lastUsedNanos > maxIdle && slot.session != null && slot.lock.tryLock()) {
                try {
                    disconnect(slot.session);
                    slot.session = null;
                } finally {
                    slot.lock.unlock();
                }
            }
        }
    }

    // ---------------------------------------------------------------- just-in-time: fresh sessions

    @Override
    public ShellChannel openShell(SshRoute route, HostKeyPrompt prompt, String terminalType, int columns, int rows)
            throws SshException, InterruptedException {
        ensureOpen();
        Fresh fresh = fresh(route, prompt);
        try {
            ChannelShell shell = (ChannelShell) fresh.target.openChannel("shell");
            shell.setPty(true);
            shell.setPtyType(terminalType, columns, rows, 0, 0);
            BytePipe output = new BytePipe(256 * 1024);
            shell.setOutputStream(output.sink);
            OutputStream input = shell.getOutputStream();
            shell.connect(millis(settings.connectTimeout()));
            return new Shell(fresh, shell, output.source, input);
        } catch (JSchException | IOException e) {
            fresh.close();
            throw new SshException(SshException.Kind.UNREACHABLE, route.hostId() + ": could not open a shell: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public int execOnce(SshRoute route, HostKeyPrompt prompt, String command, OutputStream stdout,
                        OutputStream stderr, Duration timeout) throws SshException, InterruptedException {
        ensureOpen();
        Fresh fresh = fresh(route, prompt);
        try {
            ChannelExec channel = (ChannelExec) fresh.target.openChannel("exec");
            return run(route, fresh.target, channel, command, new Capture(stdout, Integer.MAX_VALUE),
                    new Capture(stderr, Integer.MAX_VALUE), timeout, stage -> { });
        } catch (JSchException e) {
            throw new SshException(SshException.Kind.UNREACHABLE, route.hostId() + ": session dropped", e);
        } catch (StaleSession stale) {
            throw stale.asException(route.hostId());
        } finally {
            fresh.close();
        }
    }

    /** A route's own sessions: the bastion's (if any) and the target's. */
    private record Fresh(Session bastion, Session target) {
        void close() {
            disconnect(target);
            disconnect(bastion);
        }
    }

    private Fresh fresh(SshRoute route, HostKeyPrompt prompt) throws SshException, InterruptedException {
        Session bastion = null;
        if (route.jump() != null) {
            bastion = connect(route.hostId(), route.jump(), null, true, null, prompt);
        }
        try {
            return new Fresh(bastion, connect(route.hostId(), route.target(), route.jump(), false, bastion, prompt));
        } catch (SshException | RuntimeException e) {
            disconnect(bastion);
            throw e;
        }
    }

    // ---------------------------------------------------------------- shared

    /** Connects and authenticates one hop; {@code bastion} non-null means through its direct-tcpip channel. */
    private Session connect(String hostId, SshHop hop, SshHop via, boolean isBastion, Session bastion,
                            HostKeyPrompt prompt) throws SshException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        HostKeyCheck check = null;
        try {
            check = new HostKeyCheck(hostId, hop, prompt, events);
            JSch jsch = new JSch();
            jsch.setInstanceLogger(JschLog.INSTANCE);
            SshAddress a = hop.address();
            Session session = jsch.getSession(a.user(), a.host(), a.port());
            session.setLogger(JschLog.INSTANCE);
            session.setHostKeyRepository(check);
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("HashKnownHosts", "no");
            if (check.certificateRequired()) {
                // A CA vouches for this host: a certificate that fails JSch's check must not fall back to the
                // plain key (which, unknown, would reach the prompt).
                session.setConfig("host_certificate_to_key_fallback", "no");
            }
            Auth.apply(jsch, session, hop.auth());
            session.setServerAliveInterval(millis(settings.keepaliveInterval()));
            session.setServerAliveCountMax(settings.keepaliveCountMax());
            int timeout = millis(settings.connectTimeout());
            Jump jump = null;
            if (bastion != null) {
                jump = new Jump(bastion, connectionsOpened, timeout);
                session.setProxy(jump);
            } else {
                session.setSocketFactory(new TimedSockets(timeout, connectionsOpened));
            }
            session.connect(timeout);
            if (jump != null) {
                // JSch sends keepalives when a read times out; a jumped session has no socket to time out, so
                // its forward's pipe does (what setServerAliveInterval does to a socket's SO_TIMEOUT).
                jump.readTimeout(millis(settings.keepaliveInterval()));
            }
            LOG.debug("{}: connected to {}{}", hostId, a.label(), isBastion ? " (bastion)" : "");
            return session;
        } catch (IOException unreadable) {
            throw new SshException(SshException.Kind.UNREACHABLE, hostId + ": cannot read known_hosts "
                    + hop.knownHosts() + ": " + unreadable.getMessage(), null);
        } catch (JSchException | RuntimeException e) {
            SshException mapped = Failures.connect(hostId, hop, via, isBastion, e, check, settings.connectTimeout(),
                    events);
            LOG.debug("{}", mapped.getMessage(), e);
            throw mapped;
        }
    }

    /**
     * Runs one command on an open channel. Output goes straight into the sinks from JSch's reader thread (no pipes to
     * drain, so a chatty stderr cannot stall stdout). The stderr sink is closed by JSch only when the channel closes,
     * after the exit status has arrived: that close is our "done" signal.
     */
    private int run(SshRoute route, Session session, ChannelExec channel, String command, Capture out, Capture err,
                    Duration timeout, java.util.function.Consumer<String> stage)
            throws SshException, InterruptedException, StaleSession {
        String tag = runTagPrefix + runs.incrementAndGet() + "x"; // the x ends it: run 1 must not match run 10
        // Every process the command starts inherits this variable, so a timed-out command can be found and killed.
        channel.setCommand("export " + RUN_TAG + "=" + tag + "; " + command);
        channel.setInputStream(null);
        channel.setOutputStream(out);
        channel.setExtOutputStream(err);
        try {
            channel.connect(millis(settings.connectTimeout()));
        } catch (JSchException e) {
            channel.disconnect();
            int reason = channel.getExitStatus(); // the SSH open-failure code when the server said no
            if (session.isConnected() && reason != -1) {
                // The session is fine; the host refused one more channel (sshd's MaxSessions, usually). Dropping
                // the session would kill the commands running on it.
                throw new SshException(SshException.Kind.UNREACHABLE, route.hostId() + ": the host refused a new "
                        + "channel (SSH open failure " + reason + "; too many commands at once for its MaxSessions?)",
                        null);
            }
            throw new StaleSession(session.isConnected() ? "no answer to a channel open" : "session dropped");
        }
        stage.accept("running the command");
        try {
            boolean finished;
            try {
                finished = err.closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException stop) {
                kill(route, session, channel, tag);
                throw stop;
            }
            if (!finished) {
                kill(route, session, channel, tag);
                throw new SshException(SshException.Kind.TIMEOUT, route.hostId() + ": command did not finish within "
                        + Failures.seconds(timeout) + "; sent it SIGKILL and closed the channel", null);
            }
            int exit = channel.getExitStatus();
            if (exit == -1 && !session.isConnected()) {
                // (The session thread may not have marked the session down yet; then -1 is returned and the next
                // call finds the session dead and reconnects.)
                throw new SshException(SshException.Kind.UNREACHABLE, route.hostId()
                        + ": connection lost while the command ran", null);
            }
            return exit;
        } finally {
            channel.disconnect();
        }
    }

    /**
     * Closing the channel alone leaves the command running on the host (sshd only closes its pipes), so a hung
     * poll would pile up one more process per cycle. Best effort, bounded by the connect timeout: a "signal"
     * request (sshd delivers it only to the shell, and not at all to root logins), then, from a second channel on
     * the same session, SIGKILL to every process carrying this run's tag (the shell and whatever it started).
     */
    private void kill(SshRoute route, Session session, ChannelExec channel, String tag) {
        try {
            channel.sendSignal("KILL");
        } catch (Exception refused) {
            LOG.debug("{}: sshd did not take the signal for the timed-out command: {}", route.hostId(),
                    refused.getMessage());
        }
        ChannelExec killer = null;
        try {
            killer = (ChannelExec) session.openChannel("exec");
            // The shell shows the tag in its command line, what it starts in their environment. The pattern's
            // brackets keep the killer's own processes (grep's arguments, the shell's) from matching it. All are
            // stopped before any is killed: a shell whose child dies first would go on to its next line.
            killer.setCommand("p=; for f in $(grep -lz '" + RUN_TAG.substring(0, RUN_TAG.length() - 1) + "["
                    + RUN_TAG.charAt(RUN_TAG.length() - 1) + "]=" + tag + "' /proc/[0-9]*/cmdline"
                    + " /proc/[0-9]*/environ 2>/dev/null); do f=${f#/proc/}; p=\"$p ${f%%/*}\"; done;"
                    + " [ -n \"$p\" ] && kill -STOP $p 2>/dev/null; [ -n \"$p\" ] && kill -KILL $p 2>/dev/null; true");
            killer.setInputStream(null);
            Capture done = new Capture(null, 0);
            killer.setOutputStream(new Capture(null, 0));
            killer.setExtOutputStream(done);
            killer.connect(millis(settings.connectTimeout()));
            if (!done.closed.await(settings.connectTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.debug("{}: killing the timed-out command did not finish", route.hostId());
            }
        } catch (JSchException | RuntimeException e) {
            LOG.debug("{}: could not kill the timed-out command: {}", route.hostId(), e.getMessage());
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            if (killer != null) {
                killer.disconnect();
            }
        }
    }

    /** The channel could not be opened on a session that looked alive: worth one retry on a new session. */
    private static final class StaleSession extends Exception {
        StaleSession(String why) {
            super(why, null, false, false);
        }

        SshException asException(String hostId) {
            return new SshException(SshException.Kind.UNREACHABLE, hostId + ": could not open a channel ("
                    + getMessage() + ")", null);
        }
    }

    /** Collects (or forwards) one output stream; {@link #close} marks the end and never closes the caller's sink. */
    private static final class Capture extends OutputStream {
        final CountDownLatch closed = new CountDownLatch(1);
        private final OutputStream forward;
        private final int limit;
        private final java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();

        Capture(OutputStream forward, int limit) {
            this.forward = forward;
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (forward != null) {
                forward.write(b, off, len);
                return;
            }
            int room = limit - kept.size();
            kept.write(b, off, Math.max(0, Math.min(room, len)));
        }

        @Override
        public void flush() throws IOException {
            if (forward != null) {
                forward.flush();
            }
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                closed.countDown();
            }
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }

    /** Direct TCP connects with the connect timeout (JSch gives a SocketFactory none) and a count for tests. */
    private record TimedSockets(int timeoutMillis, AtomicLong opened) implements com.jcraft.jsch.SocketFactory {
        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            opened.incrementAndGet();
            return socket;
        }

        @Override
        public InputStream getInputStream(Socket socket) throws IOException {
            return socket.getInputStream();
        }

        @Override
        public OutputStream getOutputStream(Socket socket) throws IOException {
            return socket.getOutputStream();
        }
    }

    private static final class Shell implements ShellChannel {
        private final Fresh fresh;
        private final ChannelShell channel;
        private final InputStream output;
        private final OutputStream input;

        Shell(Fresh fresh, ChannelShell channel, InputStream output, OutputStream input) {
            this.fresh = fresh;
            this.channel = channel;
            this.output = output;
            this.input = input;
        }

        @Override
        public InputStream output() {
            return output;
        }

        @Override
        public OutputStream input() {
            return input;
        }

        @Override
        public void resize(int columns, int rows, int widthPixels, int heightPixels) {
            channel.setPtySize(columns, rows, widthPixels, heightPixels);
        }

        @Override
        public boolean isOpen() {
            return channel.isConnected() && !channel.isClosed();
        }

        @Override
        public int exitStatus() {
            return channel.isClosed() ? channel.getExitStatus() : -1;
        }

        @Override
        public void close() {
            channel.disconnect();
            fresh.close();
            try {
                output.close();
            } catch (IOException ignored) {
                // our own pipe: cannot fail
            }
        }
    }

    private void ensureOpen() throws SshException {
        if (closed) {
            throw new SshException(SshException.Kind.CLOSED, "SSH transport closed", null);
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static void disconnect(Session session) {
        if (session != null) {
            session.disconnect();
        }
    }

    /** Closes every pooled session; later calls fail with CLOSED. Open shells keep their own sessions. */
    @Override
    public void close() {
        closed = true;
        for (Slot slot : pool.values()) {
            slot.lock.lock();
            try {
                disconnect(slot.session);
                slot.session = null;
            } finally {
                slot.lock.unlock();
            }
        }
        pool.clear();
    }
}
