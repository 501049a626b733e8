package io.watchfloor.access.audit;

import java.time.Instant;

/**
 * One stored audit record: its place in the chain, when it was appended, what was appended, and the hashes that
 * chain it to the record before.
 */
public record AuditRecord(long seq, Instant at, AuditEntry entry, String prevHash, String hash) {
}
