package io.watchfloor.model;

/**
 * A reading judged at a moment: its status, why, and how old it is.
 *
 * @param reason short operator text for the status ("temp 91 °C", "source down", "no data")
 */
public record TileState(Reading reading, TileStatus status, String reason, double ageSeconds) {
}
