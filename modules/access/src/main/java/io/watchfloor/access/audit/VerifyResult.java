package io.watchfloor.access.audit;

/**
 * Outcome of checking the audit log's hash chain and recordings.
 *
 * @param records        number of records in the log
 * @param headHash       hash of the last record (64 zeros for an empty log); compare it with an exported copy,
 *                       since a deleted tail cannot be detected from the log alone
 * @param firstBrokenSeq seq of the first record found broken, null when ok
 * @param problem        operator-readable description of what is broken, null when ok
 */
public record VerifyResult(boolean ok, long records, String headHash, Long firstBrokenSeq, String problem) {

    static VerifyResult ok(long records, String headHash) {
        return new VerifyResult(true, records, headHash, null, null);
    }

    static VerifyResult broken(long records, String headHash, long seq, String problem) {
        return new VerifyResult(false, records, headHash, seq, problem);
    }
}
