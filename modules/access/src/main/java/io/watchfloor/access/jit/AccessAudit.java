package io.watchfloor.access.jit;

import io.watchfloor.access.Operator;
import java.io.OutputStream;
import java.util.Map;

/**
 * Where just-in-time access writes its audit trail: bound by the runtime to {@code io.watchfloor.access.audit.AuditLog}
 * ({@code append(new AuditEntry(AuditEvent.valueOf(event), operator.user(), operator.machine(), ...))}) and to
 * {@code RecordingSealer} + {@code AuditLog.storeRecording} for terminal recordings. Kept this narrow so the access
 * flow is tested without a database.
 */
public interface AccessAudit {
    /** Event names, as {@code AuditEvent} spells them. */
    String ACCESS_REQUESTED = "ACCESS_REQUESTED";
    String ROLE_DENIED = "ROLE_DENIED";
    String CERT_ISSUED = "CERT_ISSUED";
    String SIGNER_FAILED = "SIGNER_FAILED";
    String SESSION_START = "SESSION_START";
    String SESSION_END = "SESSION_END";
    String COMMAND_RUN = "COMMAND_RUN";
    String ACCESS_FAILED = "ACCESS_FAILED";

    /**
     * Appends one record. Details never hold secrets.
     *
     * @throws RuntimeException when the log cannot be written: access then does not go ahead
     */
    void record(Operator operator, String event, String hostId, String requestId, String reason,
                Map<String, String> details);

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
