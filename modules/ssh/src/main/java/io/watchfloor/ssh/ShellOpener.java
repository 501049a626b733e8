package io.watchfloor.ssh;

import java.time.Duration;

/** Opens interactive shells and one-off commands on sessions of their own (just-in-time access; never pooled). */
public interface ShellOpener {
    /**
     * @param terminalType e.g. {@code xterm-256color}
     * @param prompt       asked when the host's key is unknown
     */
    ShellChannel openShell(SshRoute route, HostKeyPrompt prompt, String terminalType, int columns, int rows)
            throws SshException, InterruptedException;

    /** One command on a fresh session that is closed afterwards; output streamed to the given sinks. */
    int execOnce(SshRoute route, HostKeyPrompt prompt, String command, java.io.OutputStream stdout,
                 java.io.OutputStream stderr, Duration timeout) throws SshException, InterruptedException;
}
