package io.watchfloor.config;

import java.util.Locale;

/** What a role allows, as written under {@code roles:}. */
public enum Permission {
    /** See the wall, endpoints, incidents and reports. */
    VIEW,
    /** Acknowledge, tick checklist steps, resolve incidents. */
    ACK,
    /** Open just-in-time shells and run commands on hosts. */
    SHELL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
