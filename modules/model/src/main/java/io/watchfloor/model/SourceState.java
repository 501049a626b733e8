package io.watchfloor.model;

import java.util.Locale;

/**
 * The visible state of one source connection. PENDING only exists until its first poll completes. AUTH_EXPIRED
 * is kept apart from AUTH_FAILED because the fix differs: a credential that worked has run out (az login again,
 * refresh the SSO session), versus a credential that was never accepted.
 */
public enum SourceState {
    PENDING, UP, DEGRADED, DOWN, AUTH_FAILED, AUTH_EXPIRED;

    public boolean isAuthProblem() {
        return this == AUTH_FAILED || this == AUTH_EXPIRED;
    }

    /** Lower-case name used in state JSON and the UI ("auth_failed"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
