package io.watchfloor.app.runtime;

import io.watchfloor.access.Operator;
import io.watchfloor.access.ShellService;
import io.watchfloor.access.jit.AccessAudit;
import io.watchfloor.access.jit.CertificateSigner;
import io.watchfloor.access.jit.JitAccessService;
import io.watchfloor.access.jit.LocalCaSigner;
import io.watchfloor.access.jit.SignerException;
import io.watchfloor.access.jit.VaultSigner;
import io.watchfloor.config.AccessConfig;
import io.watchfloor.config.Permission;
import io.watchfloor.config.SignerConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.ssh.ShellOpener;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Just-in-time access as the console and {@code watchfloor shell} use it: who the operator is, which signer the
 * config names, and the service over the SSH transport and the audit log. One place, so both build it the same way.
 */
public final class AccessRuntime implements AutoCloseable {
    private final ShellService shells;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService ender;
    private final AutoCloseable resources;

    private AccessRuntime(ShellService shells, ScheduledExecutorService scheduler, ExecutorService ender,
                          AutoCloseable resources) {
        this.shells = shells;
        this.scheduler = scheduler;
        this.ender = ender;
        this.resources = resources;
    }

    /**
     * The service over {@code opener} (the SSH transport: {@code SshSessions}) and {@code audit} (bound to the audit
     * log). {@code resources} (transport, log) are closed with this runtime; may be null.
     *
     * @throws SignerException when the signer in the config cannot be set up (unreadable Vault CA file)
     */
    public static AccessRuntime open(WatchfloorConfig config, Operator operator, ShellOpener opener,
                                     AccessAudit audit, Clock clock, AutoCloseable resources) throws SignerException {
        CertificateSigner signer = config.access() == null ? null : signer(config.access(), clock);
        // the timers only hand each expiry to the ender: ending blocks (disconnect, sealing, the audit log)
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("jit-expiry"));
        ExecutorService ender = Executors.newFixedThreadPool(2, daemon("jit-end"));
        var service = new JitAccessService(config, operator, signer, opener, audit, clock, scheduler, ender);
        return new AccessRuntime(service, scheduler, ender, resources);
    }

    /**
     * The runtime {@code watchfloor shell} uses: the SSH transport without prompts (an unknown host key is refused)
     * and the audit log in {@code dataDir}.
     */
    public static AccessRuntime forCommandLine(WatchfloorConfig config, java.nio.file.Path dataDir,
                                               Map<String, String> env, Clock clock) throws Exception {
        Operator operator = currentOperator(config, env, false);
        io.watchfloor.access.audit.AuditLog log = io.watchfloor.access.audit.AuditLog.open(dataDir, clock);
        io.watchfloor.ssh.SshSessions ssh = new io.watchfloor.ssh.SshSessions(io.watchfloor.ssh.SshSettings.DEFAULTS,
                new io.watchfloor.access.audit.HostKeyAudit(log, operator.user(), operator.machine()));
        try {
            return open(config, operator, ssh, new io.watchfloor.access.jit.LoggedAccessAudit(log,
                    SshRuntime.sealer(config), clock), clock, () -> {
                        ssh.close();
                        log.close();
                    });
        } catch (Exception | Error e) {
            ssh.close();
            log.close();
            throw e;
        }
    }

    /** The signer {@code access.signer} names. */
    public static CertificateSigner signer(AccessConfig access, Clock clock) throws SignerException {
        return switch (access.signer()) {
            case SignerConfig.Vault vault -> new VaultSigner(vault);
            case SignerConfig.LocalCa ca -> new LocalCaSigner(ca, clock);
        };
    }

    /**
     * Who sits at this console. Without an {@code access:} section there are no roles and no shells: everybody may
     * view and acknowledge, as before roles existed.
     */
    public static Operator operator(WatchfloorConfig config, String osUser, String machine, boolean wall) {
        AccessConfig access = config.access();
        if (access == null) {
            return new Operator(osUser, machine, null,
                    wall ? Set.of(Permission.VIEW) : Set.of(Permission.VIEW, Permission.ACK), wall);
        }
        String role = access.roleOf(osUser, wall);
        return new Operator(osUser, machine, role, access.permissionsOf(role), wall);
    }

    /**
     * This process's operator: the OS user and the machine's name. The user is asked of the OS, not taken from the
     * {@code user.name} property, which {@code -Duser.name=...} sets to anything. Roles stay advisory against
     * someone who controls this JVM or its config; the signer's policy is the real gate (decision 0014).
     */
    public static Operator currentOperator(WatchfloorConfig config, Map<String, String> env, boolean wall) {
        return operator(config, osUser(), machineName(env), wall);
    }

    /** The user this process runs as, from the OS on Unix; the {@code user.name} property elsewhere (Windows). */
    static String osUser() {
        try {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
                String name = new com.sun.security.auth.module.UnixSystem().getUsername();
                if (name != null && !name.isBlank()) {
                    return name;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // no such module or native part here: fall back below
        }
        return System.getProperty("user.name", "unknown");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    static String machineName(Map<String, String> env) {
        String name = env.get("HOSTNAME");
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /**
     * Ends the open shells ("console closed"): recordings stored and SESSION_END written while the transport and the
     * audit log are still open. Idempotent: each session ends once.
     */
    public void endOpenShells() {
        if (shells instanceof JitAccessService jit) {
            jit.closeAll();
        }
    }

    public ShellService shells() {
        return shells;
    }

    @Override
    public void close() throws Exception {
        endOpenShells();
        scheduler.shutdownNow();
        ender.shutdownNow();
        if (resources != null) {
            resources.close();
        }
    }

    /** A runtime over an already built service (tests, other front ends). */
    public static AccessRuntime of(ShellService shells) {
        return new AccessRuntime(Objects.requireNonNull(shells), Executors.newSingleThreadScheduledExecutor(),
                Executors.newSingleThreadExecutor(), null);
    }
}
