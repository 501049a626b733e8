package io.watchfloor.access.jit;

import io.watchfloor.access.audit.AuditEvent;
import io.watchfloor.access.AccessDeniedException;
import io.watchfloor.access.AccessFailedException;
import io.watchfloor.access.JitShell;
import io.watchfloor.access.Operator;
import io.watchfloor.access.ShellRequest;
import io.watchfloor.access.ShellService;
import io.watchfloor.config.AccessConfig;
import io.watchfloor.config.BastionConfig;
import io.watchfloor.config.HostConfig;
import io.watchfloor.config.Permission;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.ssh.HostKeyPrompt;
import io.watchfloor.ssh.ShellChannel;
import io.watchfloor.ssh.ShellOpener;
import io.watchfloor.ssh.SshAddress;
import io.watchfloor.ssh.SshException;
import io.watchfloor.ssh.SshHop;
import io.watchfloor.ssh.SshRoute;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/**
 * Just-in-time access: checks the request, makes an ephemeral key, has it signed for the TTL, reaches the host
 * through its bastion with the certificate, and writes every step to the audit log. The key and the certificate
 * live in memory only.
 */
public final class JitAccessService implements ShellService {
    static final String TERM = "xterm-256color";
    static final String NO_RECORDING_KEY = "no readable recordingKey: in-app shells are recorded; make one with "
            + "`watchfloor audit keygen`";

    private final WatchfloorConfig config;
    private final AccessConfig access;
    private final Operator operator;
    private final CertificateSigner signer;
    private final ShellOpener opener;
    private final AccessAudit audit;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Executor ender;
    private final Set<JitSession> live = ConcurrentHashMap.newKeySet();
    private final Map<String, String> env;
    private final SystemTerminal terminal;

    public JitAccessService(WatchfloorConfig config, Operator operator, CertificateSigner signer, ShellOpener opener,
                            AccessAudit audit, Clock clock, ScheduledExecutorService scheduler) {
        this(config, operator, signer, opener, audit, clock, scheduler, scheduler);
    }

    /**
     * @param scheduler times each session's end at its certificate's expiry
     * @param ender runs those ends (they block: SSH disconnect, sealing, the audit log), off the timer's thread
     */
    public JitAccessService(WatchfloorConfig config, Operator operator, CertificateSigner signer, ShellOpener opener,
                            AccessAudit audit, Clock clock, ScheduledExecutorService scheduler, Executor ender) {
        this(config, operator, signer, opener, audit, clock, scheduler, ender, System.getenv(),
                SystemTerminal.forThisMachine(System.getenv()));
    }

    JitAccessService(WatchfloorConfig config, Operator operator, CertificateSigner signer, ShellOpener opener,
                     AccessAudit audit, Clock clock, ScheduledExecutorService scheduler, Map<String, String> env,
                     SystemTerminal terminal) {
        this(config, operator, signer, opener, audit, clock, scheduler, Runnable::run, env, terminal);
    }

    JitAccessService(WatchfloorConfig config, Operator operator, CertificateSigner signer, ShellOpener opener,
                     AccessAudit audit, Clock clock, ScheduledExecutorService scheduler, Executor ender,
                     Map<String, String> env, SystemTerminal terminal) {
        this.config = Objects.requireNonNull(config, "config");
        this.access = config.access();
        this.operator = Objects.requireNonNull(operator, "operator");
        this.signer = signer;
        this.opener = opener;
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.ender = Objects.requireNonNull(ender, "ender");
        this.env = Map.copyOf(env);
        this.terminal = terminal;
    }

    @Override
    public Operator operator() {
        return operator;
    }

    @Override
    public boolean configured() {
        return access != null && signer != null;
    }

    @Override
    public Duration ttl() {
        return access == null ? AccessConfig.DEFAULT_TTL : access.ttl();
    }

    @Override
    public List<String> hostIds() {
        return config.hosts().stream().map(HostConfig::id).toList();
    }

    @Override
    public JitShell openShell(ShellRequest request, HostKeyPrompt prompt)
            throws AccessDeniedException, AccessFailedException, InterruptedException {
        Granted g = grant(request, true);
        ShellChannel shell;
        try {
            shell = opener.openShell(g.route, prompt, TERM, Math.max(request.columns(), 20),
                    Math.max(request.rows(), 5));
        } catch (SshException e) {
            g.key.destroy();
            throw failed(g, "connect", e);
        } catch (InterruptedException | RuntimeException e) {
            g.key.destroy();
            throw e;
        }
        AccessAudit.Recording recording;
        try {
            recording = audit.startRecording(g.requestId);
            record(AuditEvent.SESSION_START, g, details("mode", "shell", "terminal", "in-app",
                    "recording", "sealed", "keyId", g.cert.keyId(), "serial", serial(g.cert)));
        } catch (RuntimeException e) {
            // nothing unrecorded may run: no recording or no session-start record, no shell
            shell.close();
            g.key.destroy();
            throw new AccessFailedException("the audit log could not be written; the shell was closed: "
                    + e.getMessage(), e);
        }
        JitSession[] self = new JitSession[1];
        JitSession session = new JitSession(g.host.id(), g.requestId, g.cert, g.closesAt, shell, g.key, recording,
                clock, end -> {
                    live.remove(self[0]);
                    Map<String, String> d = details("endReason", end.reason(),
                            "durationMs", Long.toString(end.durationMs()), "bytes", Long.toString(end.bytes()));
                    if (end.recordingSha256() != null) {
                        d.put("recordingSha256", end.recordingSha256());
                    }
                    if (end.error() != null) {
                        d.put("error", end.error());
                    }
                    record(AuditEvent.SESSION_END, g, d);
                });
        self[0] = session;
        live.add(session);
        session.closeAtExpiry(scheduler, ender);
        return session;
    }

    /**
     * Ends every open session ("console closed"): each recording is stored and its SESSION_END written. Blocks; call
     * it before the scheduler, the transport and the audit log are closed.
     */
    public void closeAll() {
        for (JitSession s : List.copyOf(live)) {
            try {
                s.end(JitSession.CONSOLE_CLOSED);
            } catch (RuntimeException e) {
                // the others still end; what failed is in the log
                org.slf4j.LoggerFactory.getLogger(JitAccessService.class)
                        .warn("{}: ending the session failed: {}", s.hostId(), e.getMessage());
            }
        }
    }

    /** Sessions open now. */
    int liveSessions() {
        return live.size();
    }

    @Override
    public int exec(ShellRequest request, String command, OutputStream stdout, OutputStream stderr, Duration timeout,
                    HostKeyPrompt prompt) throws AccessDeniedException, AccessFailedException, InterruptedException {
        if (command == null || command.isBlank()) {
            throw new AccessDeniedException("no command given");
        }
        Granted g = grant(request, false);
        try {
            // a command may not outlive the certificate it runs under
            Duration left = Duration.between(clock.instant(), g.closesAt);
            Duration limit = timeout == null || timeout.compareTo(left) > 0 ? left : timeout;
            // what runs is in the start record: it stays even when the command or this process never finishes
            record(AuditEvent.SESSION_START, g, details("mode", "exec", "terminal", "none", "recording", "none",
                    "keyId", g.cert.keyId(), "serial", serial(g.cert), "command", command));
            Instant start = clock.instant();
            var out = new CountingStream(stdout);
            var err = new CountingStream(stderr);
            String endReason = null;
            try {
                int exit = opener.execOnce(g.route, prompt, command, out, err, limit);
                long ms = Duration.between(start, clock.instant()).toMillis();
                record(AuditEvent.COMMAND_RUN, g, details("command", command, "exitCode", Integer.toString(exit),
                        "durationMs", Long.toString(ms), "stdoutBytes", Long.toString(out.count),
                        "stderrBytes", Long.toString(err.count)));
                endReason = "command exited " + exit;
                return exit;
            } catch (SshException e) {
                endReason = "failed: " + e.getMessage();
                throw failed(g, "exec", e);
            } catch (InterruptedException e) {
                endReason = "interrupted";
                throw e;
            } catch (RuntimeException | Error e) {
                endReason = "failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                throw e;
            } finally {
                endExec(g, start, endReason == null ? "failed" : endReason);
            }
        } finally {
            g.key.destroy();
        }
    }

    private void endExec(Granted g, Instant start, String reason) {
        record(AuditEvent.SESSION_END, g, details("endReason", reason,
                "durationMs", Long.toString(Duration.between(start, clock.instant()).toMillis())));
    }

    @Override
    public List<String> openInSystemTerminal(ShellRequest request)
            throws AccessDeniedException, AccessFailedException, InterruptedException {
        SshAgent agent = SshAgent.fromEnvironment(env);
        if (agent == null) {
            throw new AccessFailedException("no ssh-agent running; use the in-app terminal", null);
        }
        Granted g = grant(request, false);
        try {
            Duration left = Duration.between(clock.instant(), g.closesAt);
            List<String> ssh = sshCommand(g, left);
            List<String> cmd = terminal.commandLine(ssh);
            if (cmd == null) {
                throw failed(g, "terminal", "no terminal program found (looked for "
                        + SystemTerminal.LINUX.stream().map(t -> t.get(0)).collect(Collectors.joining(", "))
                        + "); use the in-app terminal", null);
            }
            // recorded before the certificate is usable: nothing may run that the log does not know of
            record(AuditEvent.SESSION_START, g, details("mode", "shell", "terminal", "system", "recording", "none",
                    "keyId", g.cert.keyId(), "serial", serial(g.cert), "command", String.join(" ", ssh),
                    "agentLifetimeSeconds", Long.toString(left.toSeconds())));
            try {
                agent.addCertificate(g.key, g.cert, left, g.cert.keyId());
            } catch (IOException e) {
                throw failed(g, "ssh-agent", "could not add the certificate to the ssh-agent: " + e.getMessage(), e);
            }
            try {
                terminal.start(cmd);
            } catch (IOException e) {
                throw failed(g, "terminal", "could not start " + cmd.get(0) + ": " + e.getMessage(), e);
            }
            return cmd;
        } finally {
            g.key.destroy();
        }
    }

    /**
     * The command for the user's own terminal: {@code timeout} hangs up ssh when the certificate's time is up (the
     * agent only forgets the key; an open connection would outlive it), the bastion is reached through a
     * ProxyCommand so that its host key is checked against its configured file too ({@code -J} passes no
     * {@code -o} options to the jump host), and the target's host key against the host's file.
     */
    List<String> sshCommand(Granted g, Duration left) {
        List<String> ssh = new ArrayList<>(List.of("timeout", "--signal=HUP", Long.toString(Math.max(1, left.toSeconds())),
                "ssh"));
        SshHop jump = g.route.jump();
        if (jump != null) {
            ssh.add("-o");
            ssh.add("ProxyCommand=" + proxyCommand(jump, g.host.bastion()));
        }
        SshAddress t = g.route.target().address();
        ssh.addAll(List.of("-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + configValue(percentEscaped(g.route.target().knownHosts().toString())),
                "-p", Integer.toString(t.port()), t.user() + "@" + t.host()));
        return List.copyOf(ssh);
    }

    /**
     * {@code ssh -W %h:%p} through the bastion. ssh runs a ProxyCommand through the shell after expanding %
     * tokens, so each word is shell-quoted and a literal % doubled; the inner ssh expands % in its own file
     * options again, hence those are doubled before.
     */
    private String proxyCommand(SshHop jump, String bastionId) {
        List<String> inner = new ArrayList<>(List.of("ssh", "-o", "StrictHostKeyChecking=yes", "-o",
                "UserKnownHostsFile=" + configValue(percentEscaped(jump.knownHosts().toString()))));
        BastionConfig b = config.bastion(bastionId);
        if (b != null && b.identity() != null) {
            inner.add("-i");
            inner.add(percentEscaped(b.identity().toString()));
        }
        SshAddress a = jump.address();
        inner.addAll(List.of("-p", Integer.toString(a.port()), a.user() + "@" + a.host()));
        return percentEscaped(SystemTerminal.shellQuote(inner)) + " -W %h:%p";
    }

    private static String percentEscaped(String s) {
        return s.replace("%", "%%");
    }

    /** An ssh option value: a file name with blanks or quotes in double quotes (ssh splits option values). */
    private static String configValue(String v) {
        return v.matches("[^\\s\"'\\\\]+") ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** An allowed, signed request: everything after this point runs under the certificate. */
    record Granted(HostConfig host, String requestId, String reason, String incidentId, EphemeralKey key,
                   SshCertificate cert, Instant closesAt, SshRoute route) {
    }

    /**
     * Checks, records the request, makes the key and has it signed.
     *
     * @param recorded whether the session is recorded: then a recording must be possible before anything is signed
     */
    private Granted grant(ShellRequest request, boolean recorded) throws AccessDeniedException, AccessFailedException,
            InterruptedException {
        HostConfig host = config.host(request.hostId());
        if (host == null) {
            throw new AccessDeniedException("unknown host \"" + request.hostId() + "\"; configured hosts: "
                    + (hostIds().isEmpty() ? "none" : String.join(", ", hostIds())));
        }
        if (!configured()) {
            throw new AccessDeniedException("shells are not configured: add an access: section with a signer "
                    + "to the configuration");
        }
        if (request.reason().isBlank()) {
            throw new AccessDeniedException("a reason is required (the incident id, or what you are looking for)");
        }
        if (operator.wall() || !operator.may(Permission.SHELL)) {
            String message = denial();
            audit.record(operator, AuditEvent.ROLE_DENIED, host.id(), null, request.reason(),
                    details("role", operator.role() == null ? "none" : operator.role(),
                            "permissions", permissions(), "wall", Boolean.toString(operator.wall())));
            throw new AccessDeniedException(message);
        }
        String requestId = UUID.randomUUID().toString();
        String principal = access.login() != null && !access.login().isBlank() ? access.login() : host.user();
        String keyId = KeyIds.of(operator.user(), request.reason(), requestId);
        var partial = new Granted(host, requestId, request.reason(), request.incidentId(), null, null, null, null);
        Map<String, String> req = details("principal", principal, "ttl", ttl().toString(),
                "signer", signer.describe());
        if (request.incidentId() != null) {
            req.put("incidentId", request.incidentId());
        }
        record(AuditEvent.ACCESS_REQUESTED, partial, req);
        if (recorded && !audit.canRecord()) {
            throw failed(partial, "recording", NO_RECORDING_KEY, null);
        }

        EphemeralKey key = EphemeralKey.generate();
        SshCertificate cert;
        Instant asked = clock.instant();
        try {
            cert = signer.sign(key.publicKeyOpenSsh(), keyId, List.of(principal), ttl()).certificate();
            checkCertificate(cert, key, principal);
        } catch (SignerException e) {
            key.destroy();
            record(AuditEvent.SIGNER_FAILED, partial, details("signer", signer.describe(), "error", e.getMessage()));
            throw new AccessFailedException("could not get a certificate (" + signer.describe() + "): "
                    + e.getMessage(), e);
        } catch (InterruptedException | RuntimeException e) {
            key.destroy();
            throw e;
        }
        try {
            // a signer that ignores the TTL does not lengthen the session: it closes at the TTL all the same
            Instant ttlEnd = asked.plus(ttl());
            Instant closesAt = cert.validBefore().isAfter(ttlEnd) ? ttlEnd : cert.validBefore();
            var g = new Granted(host, requestId, request.reason(), request.incidentId(), key, cert, closesAt,
                    route(host, principal, key.withCertificate(cert)));
            record(AuditEvent.CERT_ISSUED, g, details("serial", serial(cert), "keyId", cert.keyId(),
                    "validBefore", cert.validBefore().toString(), "validAfter", cert.validAfter().toString(),
                    "closesAt", closesAt.toString(),
                    "principals", String.join(",", cert.principals()), "signer", signer.describe(),
                    "caKeyType", cert.signatureKeyType()));
            return g;
        } catch (RuntimeException e) {
            key.destroy(); // not recorded as issued: not used
            throw e;
        }
    }

    /** The signer's answer must be a user certificate for our key and login, valid now. */
    private void checkCertificate(SshCertificate cert, EphemeralKey key, String principal) throws SignerException {
        if (!cert.isFor(key.publicKeyBlob())) {
            throw new SignerException("the signer returned a certificate for a different public key");
        }
        if (cert.certType() != SshCertificate.USER) {
            throw new SignerException("the signer returned a host certificate, not a user certificate");
        }
        if (!cert.principals().isEmpty() && !cert.principals().contains(principal)) {
            throw new SignerException("the certificate is for " + cert.principals() + ", not for login \""
                    + principal + "\" (check the signer role's allowed users)");
        }
        if (!cert.validBefore().isAfter(clock.instant())) {
            throw new SignerException("the signer returned a certificate that has already expired ("
                    + cert.validBefore() + ")");
        }
    }

    SshRoute route(HostConfig host, String principal, io.watchfloor.ssh.CertificateIdentity identity) {
        return io.watchfloor.access.HostRoutes.jit(config, host, principal, identity);
    }

    private String denial() {
        if (operator.wall()) {
            return "role wall may not open shells; it may: view";
        }
        if (operator.role() == null) {
            return "user " + operator.user() + " has no role and may only view; a role with shell is needed "
                    + "(access.users in the configuration)";
        }
        return "role " + operator.role() + " may not open shells; it may: " + permissions();
    }

    private String permissions() {
        String p = operator.permissions().stream().sorted().map(Permission::wireName)
                .collect(Collectors.joining(", "));
        return p.isEmpty() ? "nothing" : p;
    }

    private AccessFailedException failed(Granted g, String stage, SshException e) {
        Map<String, String> d = details("stage", stage, "kind", e.kind().name(), "error", e.getMessage());
        if (e.refusal() != null) {
            d.put("fingerprint", e.refusal().fingerprint());
            if (e.refusal().expected() != null) {
                d.put("expected", e.refusal().expected());
            }
        }
        record(AuditEvent.ACCESS_FAILED, g, d);
        return new AccessFailedException(g.host.id() + ": " + e.getMessage(), e);
    }

    private AccessFailedException failed(Granted g, String stage, String message, Throwable cause) {
        record(AuditEvent.ACCESS_FAILED, g, details("stage", stage, "error", message));
        return new AccessFailedException(message, cause);
    }

    private void record(AuditEvent event, Granted g, Map<String, String> details) {
        audit.record(operator, event, g.host.id(), g.requestId, g.reason, details);
    }

    private static String serial(SshCertificate cert) {
        return Long.toUnsignedString(cert.serial());
    }

    /** Pairs of key, value; a mutable map so callers can add optional facts. */
    static Map<String, String> details(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Counts bytes on their way to a sink; the sink may be null (discard). */
    private static final class CountingStream extends OutputStream {
        private final OutputStream sink;
        long count;

        CountingStream(OutputStream sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            count++;
            if (sink != null) {
                sink.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count += len;
            if (sink != null) {
                sink.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (sink != null) {
                sink.flush();
            }
        }
    }
}
