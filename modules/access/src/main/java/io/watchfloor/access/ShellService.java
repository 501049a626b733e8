package io.watchfloor.access;

import io.watchfloor.ssh.HostKeyPrompt;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * Just-in-time access as the console and the command line see it. Every call that is refused or carried out is
 * in the audit log. Blocking calls talk to the signer and the host: never on the FX thread.
 */
public interface ShellService {
    Operator operator();

    /** Whether shells are configured at all (an {@code access:} section). */
    boolean configured();

    /** How long certificates are valid. */
    Duration ttl();

    /** The hosts a shell can be opened on, in config order. */
    List<String> hostIds();

    /**
     * Checks role and reason, records the request, makes a key, gets it signed, connects through the bastion and
     * opens a shell with a pty.
     *
     * @throws AccessDeniedException when refused before signing (recorded as a role denial where it is one)
     * @throws AccessFailedException when the signer or the host failed (recorded)
     */
    JitShell openShell(ShellRequest request, HostKeyPrompt prompt)
            throws AccessDeniedException, AccessFailedException, InterruptedException;

    /**
     * Runs one command through the same path; output streams to the sinks as it comes. Records the command and its
     * exit code.
     *
     * @return the command's exit code
     */
    int exec(ShellRequest request, String command, OutputStream stdout, OutputStream stderr, Duration timeout,
             HostKeyPrompt prompt) throws AccessDeniedException, AccessFailedException, InterruptedException;

    /**
     * Opens the user's own terminal program with {@code ssh} through the bastion, the certificate loaded into the
     * running ssh-agent with a lifetime of the TTL (never a file). Its output is not recorded; the audit log says so.
     *
     * @return the command line that was started, for the dialog to show
     */
    List<String> openInSystemTerminal(ShellRequest request)
            throws AccessDeniedException, AccessFailedException, InterruptedException;
}
