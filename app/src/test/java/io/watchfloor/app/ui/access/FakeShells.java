package io.watchfloor.app.ui.access;

import io.watchfloor.access.AccessDeniedException;
import io.watchfloor.access.AccessFailedException;
import io.watchfloor.access.JitShell;
import io.watchfloor.access.Operator;
import io.watchfloor.access.ShellRequest;
import io.watchfloor.access.ShellService;
import io.watchfloor.config.Permission;
import io.watchfloor.ssh.HostKeyPrompt;
import io.watchfloor.ssh.ShellChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A shell service, shell and channel that talk to the test instead of a host. */
final class FakeShells {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private FakeShells() {
    }

    static Operator lead() {
        return new Operator("alice", "noc-laptop-3", "lead", Set.of(Permission.VIEW, Permission.ACK, Permission.SHELL),
                false);
    }

    static Operator wallDisplay() {
        return new Operator("noc", "wall-1", "lead", Set.of(Permission.VIEW, Permission.ACK, Permission.SHELL), true);
    }

    static Operator viewer() {
        return new Operator("bob", "laptop", "operator", Set.of(Permission.VIEW, Permission.ACK), false);
    }

    /** What the fake host prints goes in at {@link #host}; what the user types collects in {@link #typed}. */
    static final class Channel implements ShellChannel {
        final PipedOutputStream host = new PipedOutputStream();
        private final PipedInputStream output;
        final ByteArrayOutputStream typed = new ByteArrayOutputStream();
        final List<int[]> resizes = new CopyOnWriteArrayList<>();
        private volatile boolean open = true;

        Channel() {
            try {
                output = new PipedInputStream(host, 64 * 1024);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void print(String text) {
            try {
                host.write(text.getBytes(StandardCharsets.UTF_8));
                host.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String typedText() {
            synchronized (typed) {
                return typed.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public InputStream output() {
            return output;
        }

        @Override
        public OutputStream input() {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    synchronized (typed) {
                        typed.write(b);
                    }
                }
            };
        }

        @Override
        public void resize(int columns, int rows, int widthPixels, int heightPixels) {
            resizes.add(new int[] {columns, rows, widthPixels, heightPixels});
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public int exitStatus() {
            return open ? -1 : 0;
        }

        @Override
        public void close() {
            open = false;
            try {
                host.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    static final class Shell implements JitShell {
        final Channel channel = new Channel();
        final CompletableFuture<String> ended = new CompletableFuture<>();
        volatile boolean closed;
        volatile String closedOn;
        private final String host;
        private final Instant validBefore;

        Shell(String host, Instant validBefore) {
            this.host = host;
            this.validBefore = validBefore;
        }

        @Override
        public String hostId() {
            return host;
        }

        @Override
        public String requestId() {
            return "r-7f3a";
        }

        @Override
        public String keyId() {
            return "alice/INC-42/r-7f3a";
        }

        @Override
        public long serial() {
            return 1042L;
        }

        @Override
        public Instant validBefore() {
            return validBefore;
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
            closedOn = Thread.currentThread().getName();
            closed = true;
            channel.close();
            ended.complete("closed by user");
        }
    }

    /** Answers as told: opens a shell, refuses, fails, or asks about a host key first. */
    static final class Service implements ShellService {
        final Operator operator;
        final boolean configured;
        volatile Exception failWith;
        volatile boolean askHostKey;
        volatile HostKeyPrompt.Answer answer;
        volatile Shell last;
        volatile ShellRequest lastRequest;
        volatile String calledOn;
        /** Holds openShell until completed, so the test can see the progress. */
        volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

        final List<String> hostIds;

        Service(Operator operator, boolean configured) {
            this(operator, configured, List.of("gpu-01", "gpu-02"));
        }

        Service(Operator operator, boolean configured, List<String> hostIds) {
            this.operator = operator;
            this.configured = configured;
            this.hostIds = List.copyOf(hostIds);
        }

        @Override
        public Operator operator() {
            return operator;
        }

        @Override
        public boolean configured() {
            return configured;
        }

        @Override
        public Duration ttl() {
            return Duration.ofMinutes(15);
        }

        @Override
        public List<String> hostIds() {
            return hostIds;
        }

        @Override
        public JitShell openShell(ShellRequest request, HostKeyPrompt prompt)
                throws AccessDeniedException, AccessFailedException, InterruptedException {
            calledOn = Thread.currentThread().getName();
            lastRequest = request;
            try {
                gate.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
            if (askHostKey) {
                answer = prompt.unknownHost(new io.watchfloor.ssh.HostKeyRefusal(request.hostId(),
                        io.watchfloor.ssh.SshException.Kind.HOST_KEY_UNKNOWN, "[10.0.0.11]:22", "ssh-ed25519",
                        "SHA256:q8f2w0m1S7cM5k7lYz3Vb0pQxJ1nRr6tUe4dHsA9iKo", null,
                        java.nio.file.Path.of("/home/alice/.ssh/known_hosts")));
                if (answer == HostKeyPrompt.Answer.REFUSE) {
                    throw new AccessFailedException("gpu-01: host key not trusted", null);
                }
            }
            Exception f = failWith;
            if (f instanceof AccessDeniedException d) {
                throw d;
            }
            if (f instanceof AccessFailedException a) {
                throw a;
            }
            last = new Shell(request.hostId(), T0.plus(ttl()));
            return last;
        }

        @Override
        public int exec(ShellRequest request, String command, OutputStream stdout, OutputStream stderr,
                        Duration timeout, HostKeyPrompt prompt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> openInSystemTerminal(ShellRequest request) {
            lastRequest = request;
            return List.of("x-terminal-emulator", "-e", "ssh", "-J", "ops@bastion", "alice@10.0.0.11");
        }
    }
}
