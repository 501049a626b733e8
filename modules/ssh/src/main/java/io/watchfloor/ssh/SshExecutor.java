package io.watchfloor.ssh;

import java.time.Duration;

/**
 * Runs one command on a host. Implementations reuse sessions across calls, bound how many run at once, and close
 * the channel when {@code timeout} passes (a hung nvidia-smi must not hold a worker).
 */
public interface SshExecutor {
    ExecResult exec(SshRoute route, String command, Duration timeout) throws SshException, InterruptedException;
}
