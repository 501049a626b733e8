package io.watchfloor.access;

import java.util.Objects;

/**
 * A request for a just-in-time shell or command.
 *
 * @param reason     why, required (the incident id by default when opened from an incident)
 * @param incidentId the incident it was opened from, or null
 * @param columns    initial terminal size; ignored for exec
 */
public record ShellRequest(String hostId, String reason, String incidentId, int columns, int rows) {
    public ShellRequest {
        Objects.requireNonNull(hostId, "hostId");
        reason = reason == null ? "" : reason.strip();
    }
}
