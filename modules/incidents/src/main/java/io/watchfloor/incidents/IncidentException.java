package io.watchfloor.incidents;

/** An incident command that cannot be done, with a message fit for the user. */
public final class IncidentException extends RuntimeException {
    public enum Kind {
        /** No incident with that id. */
        NOT_FOUND,
        /** The status cannot move that way, or the incident is closed. */
        INVALID,
        /** Required checklist steps are open and no override reason was given. */
        REQUIRED_STEPS_OPEN,
        /** The database refused the write; nothing was changed. */
        STORE_FAILED,
        /** The operator's role does not allow changing incidents (it lacks {@code ack}). */
        NOT_PERMITTED
    }

    private final Kind kind;

    public IncidentException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public IncidentException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
