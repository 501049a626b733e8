package io.watchfloor.access.audit;

import io.watchfloor.ssh.HostKeyEvents;
import io.watchfloor.ssh.HostKeyPrompt;
import io.watchfloor.ssh.HostKeyRefusal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host keys the transport refused or newly trusted, into the audit log. The poller meets the same refused key every
 * cycle; one record per host, key and kind per process is what an auditor needs, not one every 15 seconds.
 * A log that cannot be written costs the record, never the poll: the refusal itself still stands.
 */
public final class HostKeyAudit implements HostKeyEvents {
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyAudit.class);

    private final AuditLog log;
    private final String user;
    private final String machine;
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    public HostKeyAudit(AuditLog log, String user, String machine) {
        this.log = Objects.requireNonNull(log, "log");
        this.user = Objects.requireNonNull(user, "user");
        this.machine = Objects.requireNonNull(machine, "machine");
    }

    @Override
    public void refused(HostKeyRefusal refusal) {
        if (recorded.add(refusal.hostId() + "|" + refusal.kind() + "|" + refusal.fingerprint())) {
            Map<String, String> details = details(refusal);
            details.put("kind", refusal.kind().name().toLowerCase(java.util.Locale.ROOT));
            append(AuditEvent.HOST_KEY_REFUSED, refusal.hostId(), details);
        }
    }

    @Override
    public void trusted(HostKeyRefusal unknown, HostKeyPrompt.Answer answer) {
        Map<String, String> details = details(unknown);
        details.put("answer", answer.name().toLowerCase(java.util.Locale.ROOT));
        append(AuditEvent.HOST_KEY_TRUSTED, unknown.hostId(), details);
    }

    private static Map<String, String> details(HostKeyRefusal r) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("host", r.knownHostsName());
        d.put("keyType", r.keyType());
        d.put("fingerprint", r.fingerprint());
        if (r.expected() != null) {
            d.put("expected", r.expected());
        }
        d.put("knownHosts", String.valueOf(r.knownHosts()));
        return d;
    }

    private void append(AuditEvent event, String hostId, Map<String, String> details) {
        try {
            log.append(new AuditEntry(event, user, machine, hostId, null, null, details));
        } catch (RuntimeException e) {
            LOG.warn("audit log: could not record {} for {}: {}", event.wireName(), hostId, e.getMessage());
        }
    }
}
