package io.watchfloor.access.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * One audit row as stored, before interpretation: verification must cope with rows someone edited into nonsense
 * (an unknown event name, details that are not JSON).
 */
record StoredRow(long seq, long atMillis, String event, String user, String machine, String hostId,
                 String requestId, String reason, String detailsJson, String prevHash, String hash) {

    /** Recomputes the hash; throws IllegalArgumentException when the details are unreadable. */
    String computedHash() {
        return AuditHash.of(seq, atMillis, event, user, machine, hostId, requestId, reason,
                AuditJson.parseDetails(detailsJson), prevHash);
    }

    AuditRecord toRecord() {
        Map<String, String> details = AuditJson.parseDetails(detailsJson);
        AuditEntry entry = new AuditEntry(AuditEvent.fromWire(event), user, machine, hostId, requestId, reason, details);
        return new AuditRecord(seq, Instant.ofEpochMilli(atMillis), entry, prevHash, hash);
    }

    /** "session_end gpu-01 2026-11-23T10:42:00Z": how an operator recognises the record. */
    String describe() {
        StringBuilder b = new StringBuilder(String.valueOf(event));
        if (hostId != null) {
            b.append(' ').append(hostId);
        }
        b.append(' ').append(Instant.ofEpochMilli(atMillis).truncatedTo(ChronoUnit.SECONDS));
        return b.toString();
    }
}
