package io.watchfloor.access.audit;

import java.util.Locale;

/** What happened, as the audit log records it. The wire name (export, hash input) is lower_snake. */
public enum AuditEvent {
    ACCESS_REQUESTED, ROLE_DENIED, CERT_ISSUED, SIGNER_FAILED, SESSION_START, SESSION_END, COMMAND_RUN,
    HOST_KEY_REFUSED, HOST_KEY_TRUSTED, ACCESS_FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditEvent fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
