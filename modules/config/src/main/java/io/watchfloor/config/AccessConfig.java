package io.watchfloor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code access:} just-in-time shell access, and {@code roles:} what each role may do.
 *
 * @param ttl          how long a certificate is valid; the shell closes itself when it expires (default 15m)
 * @param login        the account shells log in as on the host (the certificate's principal), or null for the
 *                     host's {@code user:}
 * @param recordingKey RSA public key (PEM) the in-app terminal's recording is encrypted to; only whoever holds the
 *                     private key can replay it. Required: a shell is never left unrecorded
 * @param users        operating-system user name to role name; who is who on this machine
 * @param defaultRole  the role of a user not under {@code users:}, or null: such a user may only view
 * @param roles        role name to permissions; the built-in wall/operator/lead when the file has no {@code roles:}
 */
public record AccessConfig(SignerConfig signer, Duration ttl, String login, Path recordingKey,
                           Map<String, String> users, String defaultRole, Map<String, Set<Permission>> roles) {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    /** The role a console started with --wall has, whoever is logged in: a wall display never opens shells. */
    public static final String WALL_ROLE = "wall";
    public static final Map<String, Set<Permission>> DEFAULT_ROLES = Map.of(
            "wall", Set.of(Permission.VIEW),
            "operator", Set.of(Permission.VIEW, Permission.ACK),
            "lead", Set.of(Permission.VIEW, Permission.ACK, Permission.SHELL));

    public AccessConfig {
        ttl = ttl == null ? DEFAULT_TTL : ttl;
        users = Map.copyOf(users);
        roles = roles == null || roles.isEmpty() ? DEFAULT_ROLES : Map.copyOf(roles);
    }

    /** The role of this OS user: the wall role on a wall display, else users:, else defaultRole; null for none. */
    public String roleOf(String osUser, boolean wall) {
        if (wall) {
            return WALL_ROLE;
        }
        return users.getOrDefault(Objects.requireNonNull(osUser, "osUser"), defaultRole);
    }

    /** What this role may do; nothing for an unknown or null role. */
    public Set<Permission> permissionsOf(String role) {
        return role == null ? Set.of() : roles.getOrDefault(role, Set.of());
    }
}
