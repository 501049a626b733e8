package io.watchfloor.incidents.runbook;

/**
 * The outcome of reading one runbook file.
 *
 * @param runbook null when the file has problems (they are in the file's {@link FileProblems})
 * @param idLine  the line that gave the id (for "duplicate runbook id" messages)
 */
record Parsed(Runbook runbook, int idLine) {
}
