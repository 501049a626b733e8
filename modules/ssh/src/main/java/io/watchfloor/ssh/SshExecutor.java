package io.watchfloor.ssh;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs one command on a host. Implementations reuse sessions across calls, bound how many run at once, and close
 * the channel when {@code timeout} passes (a hung nvidia-smi must not hold a worker).
 */
public interface SshExecutor {
    ExecResult exec(SshRoute route, String command, Duration timeout) throws SshException, InterruptedException;

    /**
     * As {@link #exec(SshRoute, String, Duration)}, telling {@code stage} what the call is doing now (in words:
     * "connecting to bastion 10.0.0.1:22", "running the command"), so a caller that stops waiting can say where
     * it was stuck. The default reports nothing.
     */
    default ExecResult exec(SshRoute route, String command, Duration timeout, Consumer<String> stage)
            throws SshException, InterruptedException {
        return exec(route, command, timeout);
    }

    /**
     * How long a call may take on top of {@code timeout} before the command even starts (TCP connects, the
     * bastion's forward, handshakes, the channel open); callers that keep their own deadline add it.
     */
    default Duration setupAllowance() {
        return Duration.ZERO;
    }
}
