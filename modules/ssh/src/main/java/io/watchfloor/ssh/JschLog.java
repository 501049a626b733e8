package io.watchfloor.ssh;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSch's own log, all of it at debug: its INFO lines are protocol chatter, and failures reach us as exceptions. */
final class JschLog implements com.jcraft.jsch.Logger {
    static final JschLog INSTANCE = new JschLog();
    private static final Logger LOG = LoggerFactory.getLogger("com.jcraft.jsch");

    @Override
    public boolean isEnabled(int level) {
        return LOG.isDebugEnabled();
    }

    @Override
    public void log(int level, String message) {
        LOG.debug(message);
    }

    @Override
    public void log(int level, String message, Throwable cause) {
        LOG.debug(message, cause);
    }
}
