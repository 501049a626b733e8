package io.watchfloor.model;

import java.util.Locale;

/** What a wall tile stands for. */
public enum TileKind {
    GPU, HOST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
