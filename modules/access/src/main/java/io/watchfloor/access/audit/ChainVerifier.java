package io.watchfloor.access.audit;

import java.sql.SQLException;
import java.util.List;

/** Walks the chain from the first record and stops at the first one that does not hold. */
final class ChainVerifier {

    @FunctionalInterface
    interface Recordings {
        byte[] sealed(String requestId) throws SQLException;
    }

    private ChainVerifier() {
    }

    static VerifyResult verify(List<StoredRow> rows, Recordings recordings) throws SQLException {
        long count = rows.size();
        String head = rows.isEmpty() ? AuditLog.GENESIS : rows.get(rows.size() - 1).hash();
        long expectedSeq = 1;
        String prev = AuditLog.GENESIS;
        for (StoredRow row : rows) {
            String name = "record " + row.seq() + " (" + row.describe() + ")";
            if (row.seq() != expectedSeq) {
                return VerifyResult.broken(count, head, expectedSeq, "record " + expectedSeq + " is missing: "
                        + name + " follows record " + (expectedSeq - 1) + " (a record was deleted)");
            }
            String computed;
            try {
                computed = row.computedHash();
                AuditEvent.fromWire(row.event());
            } catch (IllegalArgumentException e) {
                return VerifyResult.broken(count, head, row.seq(), name + " was changed: it is no longer readable ("
                        + e.getMessage() + ")");
            }
            if (!computed.equals(row.hash())) {
                return VerifyResult.broken(count, head, row.seq(), name + " was changed: its contents no longer "
                        + "match its hash " + row.hash());
            }
            if (!prev.equals(row.prevHash())) {
                return VerifyResult.broken(count, head, row.seq(), name + " does not follow record "
                        + (row.seq() - 1) + ": it names " + row.prevHash() + " as the hash before it, but that is "
                        + prev + " (records were removed, inserted or reordered)");
            }
            String problem = recordingProblem(row, recordings);
            if (problem != null) {
                return VerifyResult.broken(count, head, row.seq(), name + ": " + problem);
            }
            prev = row.hash();
            expectedSeq++;
        }
        return VerifyResult.ok(count, head);
    }

    private static String recordingProblem(StoredRow row, Recordings recordings) throws SQLException {
        if (!AuditEvent.SESSION_END.wireName().equals(row.event())) {
            return null;
        }
        String expected = AuditJson.parseDetails(row.detailsJson()).get(AuditEntry.RECORDING_SHA256);
        if (expected == null) {
            return null;
        }
        if (row.requestId() == null) {
            return "names a recording but no request";
        }
        byte[] sealed = recordings.sealed(row.requestId());
        if (sealed == null) {
            return "the recording of request " + row.requestId() + " is missing (deleted)";
        }
        String actual = AuditHash.sha256Hex(sealed);
        if (!actual.equals(expected)) {
            return "the recording of request " + row.requestId() + " was changed: its sha256 is " + actual
                    + ", the record holds " + expected;
        }
        return null;
    }
}
