package io.watchfloor.incidents.runbook;

import io.watchfloor.model.incident.Phase;

/** One step of a runbook. {@code id} is unique within its runbook; {@code hint} (a command, a link) may be null. */
public record RunbookStep(String id, Phase phase, String text, boolean required, String hint) {
}
