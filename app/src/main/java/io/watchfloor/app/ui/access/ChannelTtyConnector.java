package io.watchfloor.app.ui.access;

import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import io.watchfloor.ssh.ShellChannel;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntSupplier;

/**
 * Connects the terminal widget to a shell channel: what the host prints is read as UTF-8, what the user types is
 * written through, and a new terminal size becomes a pty window change. Reading happens on the widget's own thread.
 */
final class ChannelTtyConnector implements TtyConnector {
    private final ShellChannel channel;
    private final String name;
    private final Reader output;
    private final CompletableFuture<String> ended;
    private final IntSupplier widthPixels;
    private final IntSupplier heightPixels;
    private final java.util.concurrent.Executor closer;

    /**
     * @param ended completes when the session ends (certificate expiry, exit, close): {@link #waitFor} waits on it
     * @param closer where the channel is closed (the widget closes it from the FX thread; closing blocks)
     */
    ChannelTtyConnector(ShellChannel channel, String name, CompletableFuture<String> ended, IntSupplier widthPixels,
                        IntSupplier heightPixels, java.util.concurrent.Executor closer) {
        this.closer = closer;
        this.channel = channel;
        this.name = name;
        this.output = new InputStreamReader(channel.output(), StandardCharsets.UTF_8);
        this.ended = ended;
        this.widthPixels = widthPixels;
        this.heightPixels = heightPixels;
    }

    @Override
    public int read(char[] buf, int offset, int length) throws IOException {
        return output.read(buf, offset, length);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        channel.input().write(bytes);
        channel.input().flush();
    }

    @Override
    public void write(String string) throws IOException {
        write(string.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean isConnected() {
        return channel.isOpen();
    }

    @Override
    public void resize(TermSize size) {
        if (channel.isOpen()) {
            channel.resize(size.getColumns(), size.getRows(), widthPixels.getAsInt(), heightPixels.getAsInt());
        }
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            ended.get();
        } catch (ExecutionException e) {
            // ended abnormally: the exit status says what is known
        }
        return channel.exitStatus();
    }

    @Override
    public boolean ready() throws IOException {
        return output.ready();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void close() {
        closer.execute(channel::close);
    }
}
