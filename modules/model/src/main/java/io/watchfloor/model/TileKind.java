package io.watchfloor.model;

import java.util.Locale;

/**
 * What a tile stands for. An LLM endpoint has two tiles' worth of readings kept apart, because two different
 * sources feed them and neither may overwrite the other: ENDPOINT carries what the provider reports (CloudWatch,
 * Azure Monitor, Prometheus), PROBE what the console's own probe saw. Views merge them per endpoint id.
 */
public enum TileKind {
    GPU, HOST, ENDPOINT, PROBE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
