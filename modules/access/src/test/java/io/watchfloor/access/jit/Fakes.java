package io.watchfloor.access.jit;

import io.watchfloor.access.Operator;
import io.watchfloor.ssh.HostKeyPrompt;
import io.watchfloor.ssh.ShellChannel;
import io.watchfloor.ssh.ShellOpener;
import io.watchfloor.ssh.SshException;
import io.watchfloor.ssh.SshRoute;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory stand-ins for the transport and the audit log. */
final class Fakes {
    private Fakes() {
    }

    record Entry(String user, String event, String hostId, String requestId, String reason,
                 Map<String, String> details) {
    }

    static final class Audit implements AccessAudit {
        final List<Entry> entries = new CopyOnWriteArrayList<>();
        final List<ByteArrayOutputStream> recordings = new ArrayList<>();
        int finished;
        boolean canRecord = true;

        @Override
        public boolean canRecord() {
            return canRecord;
        }

        @Override
        public void record(Operator operator, io.watchfloor.access.audit.AuditEvent auditEvent, String hostId, String requestId, String reason,
                           Map<String, String> details) {
            entries.add(new Entry(operator.user(), auditEvent.name(), hostId, requestId, reason, Map.copyOf(details)));
        }

        @Override
        public Recording startRecording(String requestId) {
            var bytes = new ByteArrayOutputStream();
            recordings.add(bytes);
            return new Recording() {
                @Override
                public OutputStream output() {
                    return bytes;
                }

                @Override
                public String finish() {
                    finished++;
                    return sha256(bytes.toByteArray());
                }
            };
        }

        List<String> events() {
            return entries.stream().map(Entry::event).toList();
        }

        Entry last(String event) {
            return entries.stream().filter(e -> e.event().equals(event)).reduce((a, b) -> b).orElseThrow();
        }

        long count(String event) {
            return entries.stream().filter(e -> e.event().equals(event)).count();
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A shell that prints {@code output} and then ends with {@code exit}. */
    static final class Shell implements ShellChannel {
        final InputStream output;
        final ByteArrayOutputStream typed = new ByteArrayOutputStream();
        volatile boolean closed;
        final int exit;

        Shell(String output, int exit) {
            this.output = new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8));
            this.exit = exit;
        }

        @Override
        public InputStream output() {
            return output;
        }

        @Override
        public OutputStream input() {
            return typed;
        }

        @Override
        public void resize(int columns, int rows, int widthPixels, int heightPixels) {
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public int exitStatus() {
            return closed ? exit : -1;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final class Opener implements ShellOpener {
        final List<SshRoute> routes = new ArrayList<>();
        final List<String> commands = new ArrayList<>();
        Duration lastTimeout;
        SshException failWith;
        RuntimeException crashWith;
        Shell shell = new Shell("gpu-01$ nvidia-smi\nok\n", 0);
        /** Checks, while connected, that the identity still signs (the key is alive during the session). */
        boolean signedWhileConnected;

        @Override
        public ShellChannel openShell(SshRoute route, HostKeyPrompt prompt, String terminalType, int columns,
                                      int rows) throws SshException {
            routes.add(route);
            if (failWith != null) {
                throw failWith;
            }
            signedWhileConnected = sign(route);
            return shell;
        }

        @Override
        public int execOnce(SshRoute route, HostKeyPrompt prompt, String command, OutputStream stdout,
                            OutputStream stderr, Duration timeout) throws SshException {
            routes.add(route);
            commands.add(command);
            lastTimeout = timeout;
            if (crashWith != null) {
                throw crashWith;
            }
            if (failWith != null) {
                throw failWith;
            }
            signedWhileConnected = sign(route);
            try {
                stdout.write("GPU 0: H100\n".getBytes(StandardCharsets.UTF_8));
                stderr.write("warn\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new SshException(SshException.Kind.CLOSED, "sink closed", e);
            }
            return 3;
        }

        private static boolean sign(SshRoute route) {
            var auth = (io.watchfloor.ssh.SshAuth.Certificate) route.target().auth();
            return auth.identity().sign(new byte[] {1, 2, 3}).length > 0;
        }
    }
}
