package io.watchfloor.app.cli;

/** Exit codes of every command: scripts rely on them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something failed at run time (cache locked, rendering failed). */
    public static final int FAILED = 1;
    /** Bad usage or a bad configuration. */
    public static final int USAGE = 2;
    /** Refused by policy: the role may not open shells, no reason given, shells not configured (sysexits EX_NOPERM). */
    public static final int NOT_PERMITTED = 77;
    /**
     * {@code watchfloor shell}: the command could not be run on the host (signer, connection, host key, timeout) or
     * ended without an exit status. As ssh does, so scripts can tell it from the command's own exit codes.
     */
    public static final int REMOTE_FAILED = 255;
    /** Interrupted (Ctrl-C). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
