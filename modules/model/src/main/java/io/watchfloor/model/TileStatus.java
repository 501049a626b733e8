package io.watchfloor.model;

import java.util.Locale;

/** A tile's status, told on screen by colour and by text/shape. Ordered from best to worst. */
public enum TileStatus {
    OK, UNKNOWN, WARN, STALE, CRIT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
