package io.watchfloor.access;

import io.watchfloor.config.Permission;
import java.util.Set;

/**
 * Who sits at this console: the operating-system user, the machine, and the role config gives them.
 *
 * @param role null when the user has no role (may only view)
 * @param wall whether this console runs as a wall display (--wall): never asked anything, never opens shells
 */
public record Operator(String user, String machine, String role, Set<Permission> permissions, boolean wall) {
    public Operator {
        permissions = Set.copyOf(permissions);
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}
