package io.watchfloor.app.cli;

/** Exit codes of every command: scripts rely on them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something failed at run time (cache locked, rendering failed). */
    public static final int FAILED = 1;
    /** Bad usage or a bad configuration. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
