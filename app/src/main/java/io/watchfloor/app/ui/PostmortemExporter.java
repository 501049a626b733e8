package io.watchfloor.app.ui;

import io.watchfloor.incidents.Incident;

/**
 * Writes an incident's postmortem as Markdown (for Confluence or Jira). The screens call it off the FX thread and
 * write the file themselves; the console wires it to the incidents module's postmortem writer, so the views do not
 * depend on how the Markdown is made.
 */
@FunctionalInterface
public interface PostmortemExporter {
    /** The whole document. May read the store; never called on the FX thread. */
    String markdown(Incident incident) throws Exception;
}
