package io.watchfloor.ssh;

import java.io.InputStream;
import java.io.OutputStream;

/** An interactive shell with a pty on a host, on a session of its own that closes with it. */
public interface ShellChannel extends AutoCloseable {
    /** What the host prints (stdout and stderr of the pty). Ends when the shell ends. */
    InputStream output();

    /** What the user types. */
    OutputStream input();

    void resize(int columns, int rows, int widthPixels, int heightPixels);

    boolean isOpen();

    /** The shell's exit status once closed, -1 before or when unknown. */
    int exitStatus();

    /** Closes the channel and its session. Idempotent. */
    @Override
    void close();
}
