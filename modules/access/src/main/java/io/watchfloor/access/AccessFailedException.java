package io.watchfloor.access;

/**
 * Access was allowed but could not be carried out: the signer refused or could not be reached, the host could not be
 * reached, or its key was refused. Recorded in the audit log; the message is safe to show (never a token).
 */
public final class AccessFailedException extends Exception {
    public AccessFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
