package io.watchfloor.ssh;

/** What one remote command gave back. {@code exitCode} is -1 when the server sent no exit status. */
public record ExecResult(int exitCode, String stdout, String stderr) {
}
