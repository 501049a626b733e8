package io.watchfloor.ssh;

import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSch has no ProxyJump: the target session's transport is a {@code direct-tcpip} channel of the bastion's
 * (already authenticated) session. The channel's streams must be taken before it connects, or the first bytes the
 * target sends are lost. What the target sends goes into a {@link BytePipe} with a read timeout.
 */
final class Jump implements Proxy {
    /** SSH_OPEN_CONNECT_FAILED: the bastion tried and could not connect (refused, no route, unknown name). */
    static final int CONNECT_FAILED = 2;

    private final Session bastion;
    private final AtomicLong opened;
    private final BytePipe fromTarget = new BytePipe(256 * 1024);
    private ChannelDirectTCPIP channel;
    private OutputStream out;

    /** @param connectTimeoutMillis how long a read may wait while the target's session is being set up */
    Jump(Session bastion, AtomicLong opened, int connectTimeoutMillis) {
        this.bastion = bastion;
        this.opened = opened;
        fromTarget.readTimeout(connectTimeoutMillis);
    }

    /** After connect: the keepalive interval, so that a silent target is pinged and, unanswered, given up. */
    void readTimeout(int millis) {
        fromTarget.readTimeout(millis);
    }

    @Override
    public void connect(SocketFactory ignored, String host, int port, int timeoutMillis) throws Exception {
        channel = (ChannelDirectTCPIP) bastion.openChannel("direct-tcpip");
        channel.setHost(host);
        channel.setPort(port);
        channel.setOutputStream(fromTarget.sink);
        out = channel.getOutputStream();
        opened.incrementAndGet();
        try {
            channel.connect(timeoutMillis);
        } catch (JSchException e) {
            throw new JumpFailed(channel.getExitStatus(), bastion.isConnected(), e);
        }
    }

    @Override
    public InputStream getInputStream() {
        return fromTarget.source;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public Socket getSocket() {
        return null;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.disconnect();
        }
    }

    /** The bastion would not open the forward; {@code reason} is the SSH open-failure code, -1 if none came. */
    static final class JumpFailed extends Exception {
        final int reason;
        final boolean bastionAlive;

        JumpFailed(int reason, boolean bastionAlive, Throwable cause) {
            super("direct-tcpip open failed (" + reason + ")", cause);
            this.reason = reason;
            this.bastionAlive = bastionAlive;
        }
    }
}
