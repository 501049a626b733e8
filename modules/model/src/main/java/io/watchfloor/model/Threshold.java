package io.watchfloor.model;

/** A warn/crit pair for a metric where higher is worse. */
public record Threshold(double warn, double crit) {
    public Threshold {
        if (!(warn <= crit)) {
            throw new IllegalArgumentException("warn (" + warn + ") must not exceed crit (" + crit + ")");
        }
    }

    public TileStatus classify(double value) {
        if (value >= crit) {
            return TileStatus.CRIT;
        }
        return value >= warn ? TileStatus.WARN : TileStatus.OK;
    }
}
