package io.watchfloor.access.audit;

/** The audit log could not be read or written (file locked too long, disk, corrupt database). */
public final class AuditException extends RuntimeException {
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }

    public AuditException(String message) {
        super(message);
    }
}
