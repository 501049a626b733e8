package io.watchfloor.access.jit;

import io.watchfloor.access.audit.AuditEvent;
import io.watchfloor.access.Operator;
import java.io.OutputStream;
import java.util.Map;

/**
 * Where just-in-time access writes its audit trail: {@code io.watchfloor.access.audit.AuditTrail} binds it to the
 * audit log and the recording sealer. Kept this narrow so the access flow is tested without a database.
 */
public interface AccessAudit {
    /**
     * Appends one record. Details never hold secrets.
     *
     * @throws RuntimeException when the log cannot be written: access then does not go ahead
     */
    void record(Operator operator, AuditEvent event, String hostId, String requestId, String reason,
                Map<String, String> details);

    /** Whether {@link #startRecording} can work (a recording key is there); asked before anything is signed. */
    default boolean canRecord() {
        return true;
    }

    /** Starts recording a session's terminal output (compressed and encrypted by the implementation). */
    Recording startRecording(String requestId);

    /** One session's recording. */
    interface Recording {
        /** Where the terminal's output is copied as it arrives. */
        OutputStream output();

        /** Seals and stores the recording; returns its sha256 hex for the session-end record. Called once. */
        String finish();
    }
}
