package io.watchfloor.app.runtime;

import io.watchfloor.access.Operator;
import io.watchfloor.access.ShellService;
import io.watchfloor.access.audit.AuditLog;
import io.watchfloor.access.audit.HostKeyAudit;
import io.watchfloor.access.audit.RecordingSealer;
import io.watchfloor.access.jit.LoggedAccessAudit;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.Source;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.ssh.HostFleetSource;
import io.watchfloor.sources.ssh.HostFleetSources;
import io.watchfloor.access.HostRoutes;
import io.watchfloor.ssh.SshSessions;
import io.watchfloor.ssh.SshSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything SSH in one place: one transport (sessions through the bastions) shared by the host pollers and
 * just-in-time shells, the audit log that records host-key refusals and access, and the shell service. A config
 * without hosts and without {@code access:} opens nothing at all.
 */
public final class SshRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshRuntime.class);
    /** Past the source's own cut-off (its cycle budget): the engine's watchdog is the last resort. */
    private static final Duration ENGINE_MARGIN = Duration.ofSeconds(5);

    private final SshSessions ssh;
    private final AuditLog audit;
    private final List<HostFleetSource> sources;
    private final AccessRuntime access;
    /** A console stopped by a signal (logout, shutdown, kill) still ends its shells: SESSION_END and recordings. */
    private final Thread onExit;

    private SshRuntime(SshSessions ssh, AuditLog audit, List<HostFleetSource> sources, AccessRuntime access) {
        this.ssh = ssh;
        this.audit = audit;
        this.sources = sources;
        this.access = access;
        this.onExit = access == null ? null : new Thread(access::endOpenShells, "jit-shells-on-exit");
        if (onExit != null) {
            Runtime.getRuntime().addShutdownHook(onExit);
        }
    }

    /** Nothing configured: no transport, no audit log. */
    static SshRuntime none() {
        return new SshRuntime(null, null, List.of(), null);
    }

    /**
     * @param operator who sits at this console (the wall role on a wall display: it never opens shells)
     */
    public static SshRuntime open(WatchfloorConfig config, Path dataDir, Operator operator, SourceContext context,
                                  Clock clock) {
        if (config.hosts().isEmpty() && config.access() == null) {
            return none();
        }
        AuditLog audit = AuditLog.open(dataDir, clock);
        SshSessions ssh = new SshSessions(SshSettings.DEFAULTS, new HostKeyAudit(audit, operator.user(),
                operator.machine()));
        try {
            List<HostFleetSource> sources = HostFleetSources.create(config, ssh, h -> HostRoutes.poll(config, h),
                    context);
            AccessRuntime access = null;
            if (config.access() != null) {
                try {
                    access = AccessRuntime.open(config, operator, ssh,
                            new LoggedAccessAudit(audit, sealer(config), clock), clock, null);
                } catch (Exception e) {
                    // polling goes on; the shell dialog is not offered, and the reason is in the log
                    LOG.warn("shells are off: {}", e.getMessage());
                }
            }
            return new SshRuntime(ssh, audit, sources, access);
        } catch (RuntimeException e) {
            ssh.close();
            audit.close();
            throw e;
        }
    }

    /**
     * The recording key: a shell is never left unrecorded, so without a readable key the service refuses in-app
     * shells (commands through exec are still audited).
     */
    static RecordingSealer sealer(WatchfloorConfig config) {
        Path key = config.access() == null ? null : config.access().recordingKey();
        if (key == null || !Files.isReadable(key)) {
            LOG.warn("recording key {} is not readable: in-app shells are refused until it is (make one with "
                    + "`watchfloor audit keygen --out DIR`)", key);
            return null;
        }
        return RecordingSealer.forPublicKey(key);
    }

    public List<? extends Source> sources() {
        return sources;
    }

    /** The engine's watchdog per host source: the source's own cut-off plus a margin. */
    public Map<String, Duration> pollTimeouts() {
        Map<String, Duration> timeouts = new LinkedHashMap<>();
        sources.forEach(s -> timeouts.put(s.id(), s.cycleBudget().plus(ENGINE_MARGIN)));
        return timeouts;
    }

    /** The shell service, or null when shells are not configured (or could not be set up). */
    public ShellService shells() {
        return access == null ? null : access.shells();
    }

    @Override
    public void close() {
        if (onExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException stopping) {
                // the JVM is already stopping: the hook runs (or ran) and ends the shells itself
            }
        }
        sources.forEach(HostFleetSource::close);
        if (access != null) {
            try {
                access.close();
            } catch (Exception e) {
                LOG.debug("closing access: {}", e.getMessage());
            }
        }
        if (ssh != null) {
            ssh.close();
        }
        if (audit != null) {
            audit.close();
        }
    }
}
