package io.watchfloor.access;

/**
 * Access refused before anything was signed: no reason given, the role lacks {@code shell}, access is not
 * configured, or the host is unknown. The message says which, for the dialog and the command line.
 */
public final class AccessDeniedException extends Exception {
    public AccessDeniedException(String message) {
        super(message);
    }
}
