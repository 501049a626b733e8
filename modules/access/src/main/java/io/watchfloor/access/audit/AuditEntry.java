package io.watchfloor.access.audit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a caller appends to the audit log. Never put secrets here (tokens, keys, passphrases): the log is exported
 * and read by reviewers.
 *
 * @param user      operating-system user at the console
 * @param machine   the console's machine name
 * @param hostId    configured host id, or null when the event concerns no host
 * @param requestId the JIT request this belongs to, or null
 * @param reason    the reason the operator typed, or null
 * @param details   further facts (serial, keyId, validBefore, command, exitCode, fingerprint, expected,
 *                  recordingSha256, endReason, durationMs, signer, error ...); kept sorted by key
 */
public record AuditEntry(AuditEvent event, String user, String machine, String hostId, String requestId,
                         String reason, Map<String, String> details) {

    /** Details key whose value is the sha256 hex of the session's stored recording (on SESSION_END). */
    public static final String RECORDING_SHA256 = "recordingSha256";

    public AuditEntry {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(machine, "machine");
        TreeMap<String, String> sorted = new TreeMap<>();
        if (details != null) {
            details.forEach((k, v) -> sorted.put(Objects.requireNonNull(k, "details key"),
                    Objects.requireNonNull(v, () -> "details value for " + k)));
        }
        details = java.util.Collections.unmodifiableSortedMap(sorted);
    }

    public AuditEntry(AuditEvent event, String user, String machine, String hostId, String requestId, String reason) {
        this(event, user, machine, hostId, requestId, reason, Map.of());
    }
}
