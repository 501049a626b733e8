package io.watchfloor.incidents;

/** One incident's new version; {@code before} is null for a new incident (number 0 until it is stored). */
record Change(Incident before, Incident after) {
}
