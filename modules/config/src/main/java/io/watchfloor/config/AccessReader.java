package io.watchfloor.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code access:} (who signs just-in-time certificates, for how long, who has which role) and {@code roles:}
 * (what each role may do). Roles only mean something with access: configured, so roles: alone is a problem rather
 * than a setting that silently does nothing.
 */
final class AccessReader {
    static final List<String> KEYS = List.of("signer", "ttl", "login", "recordingKey", "users", "defaultRole");
    static final List<String> SIGNER_TYPES = List.of("vault", "local-ca");
    static final List<String> VAULT_KEYS = List.of("type", "url", "mount", "role", "token", "caFile");
    static final List<String> LOCAL_CA_KEYS = List.of("type", "caKey", "passphrase");
    static final Duration MIN_TTL = Duration.ofMinutes(1);
    static final Duration MAX_TTL = Duration.ofHours(24);

    static final String RECORDING_KEY_EXPECTED = "expected the path of the RSA public key (PEM) that terminal "
            + "recordings are encrypted to; make one with `watchfloor audit keygen`";
    private static final String SIGNER_EXPECTED = "expected a mapping such as {type: vault, url: https://vault:8200, "
            + "mount: ssh-client-signer, role: gpu-ops, token: ${VAULT_TOKEN}} or {type: local-ca, caKey: /path/to/ca}";
    private static final String ROLES_EXPECTED = "expected a mapping of role to permissions, such as "
            + "{wall: [view], operator: [view, ack], lead: [view, ack, shell]}";
    private static final String PERMISSIONS_EXPECTED = "expected a list of permissions from view, ack, shell";
    private static final String VAULT_URL_EXPECTED = "expected an https URL such as https://vault:8200";
    /** A Vault mount path ("ssh-client-signer", "team/ssh") and role name. */
    private static final Pattern MOUNT = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private final NodeReader reader;
    private final SshFields fields;
    /** Every role name under roles:, also of roles with problems, so users: is checked against what was meant. */
    private final Set<String> roleNames = new LinkedHashSet<>();

    AccessReader(NodeReader reader) {
        this.reader = reader;
        this.fields = new SshFields(reader);
    }

    /**
     * @param access the value of {@code access:}, null when the file has none
     * @param roles  the value of {@code roles:}, null when the file has none
     * @return the access settings, or null without access: or after a problem
     */
    AccessConfig read(Node access, Node roles) {
        Map<String, Set<Permission>> roleMap = roles == null ? null : roles(roles);
        if (access == null) {
            if (roles != null) {
                reader.report(roles, "roles", "needs an access: section (roles say who may acknowledge and open "
                        + "shells, which is configured under access:); expected access: with signer and "
                        + "recordingKey, or no roles:");
            }
            return null;
        }
        Section s = Section.of(reader, access, "access", "expected a mapping with at least signer and recordingKey");
        if (s == null) {
            return null;
        }
        if (NodeReader.isNull(access)) {
            reader.report(access, "access", "has no value; expected a mapping with at least signer and recordingKey, "
                    + "or no access: for a console without shells");
            return null;
        }
        Set<String> misspelt = s.rejectUnknown(reader, KEYS);
        Node signerNode = misspelt.contains("signer") ? s.get("signer")
                : s.require(reader, "signer", "; " + SIGNER_EXPECTED);
        SignerConfig signer = signerNode == null ? null : signer(signerNode, s.child("signer"));
        Duration ttl = s.has("ttl") ? ttl(s.get("ttl"), s.child("ttl")) : AccessConfig.DEFAULT_TTL;
        String login = s.has("login") ? fields.userName(s.get("login"), s.child("login"),
                "expected the account shells log in as on the hosts, such as ops") : null;
        Node keyNode = misspelt.contains("recordingKey") ? null
                : s.require(reader, "recordingKey", "; " + RECORDING_KEY_EXPECTED);
        Path recordingKey = keyNode == null ? null : reader.path(keyNode, s.child("recordingKey"),
                RECORDING_KEY_EXPECTED, RECORDING_KEY_EXPECTED);
        // an empty roles: is no roles:, as AccessConfig reads it
        Set<String> roleNames = this.roleNames.isEmpty() ? AccessConfig.DEFAULT_ROLES.keySet() : this.roleNames;
        Map<String, String> users = s.has("users") ? users(s.get("users"), s.child("users"), roleNames) : Map.of();
        String defaultRole = s.has("defaultRole")
                ? roleName(s.get("defaultRole"), s.child("defaultRole"), roleNames) : null;
        if (signer == null || ttl == null || recordingKey == null || users == null || roleMap == null && roles != null
                || (s.has("login") && login == null) || (s.has("defaultRole") && defaultRole == null)) {
            return null; // reported; the rest was still checked so that one run shows every problem
        }
        return new AccessConfig(signer, ttl, login, recordingKey, users, defaultRole, roleMap);
    }

    private Duration ttl(Node node, String path) {
        Duration ttl = reader.duration(node, path, MIN_TTL);
        if (ttl != null && ttl.compareTo(MAX_TTL) > 0) {
            reader.report(node, path, Durations.format(ttl) + " is too long; expected at most 24h (certificates are "
                    + "short-lived on purpose; default " + Durations.format(AccessConfig.DEFAULT_TTL) + ")");
            return null;
        }
        return ttl;
    }

    private SignerConfig signer(Node node, String path) {
        Section s = Section.of(reader, node, path, SIGNER_EXPECTED);
        if (s == null) {
            return null;
        }
        Node typeNode = s.require(reader, "type", "; expected vault or local-ca");
        ScalarText typeText = typeNode == null ? null
                : reader.text(typeNode, s.child("type"), "expected vault or local-ca");
        if (typeText == null) {
            return null;
        }
        String type = typeText.value().strip();
        return switch (type) {
            case "vault" -> vault(s);
            case "local-ca" -> localCa(s);
            default -> {
                Optional<String> suggestion = KeySuggestions.closest(type, SIGNER_TYPES);
                reader.report(typeNode, s.child("type"), typeText.shown() + " is not a signer type"
                        + suggestion.map(x -> " (did you mean " + ScalarText.quote(x) + "?)").orElse("")
                        + "; expected vault or local-ca");
                yield null;
            }
        };
    }

    private SignerConfig.Vault vault(Section s) {
        s.rejectUnknown(reader, VAULT_KEYS);
        Node urlNode = s.require(reader, "url", "; " + VAULT_URL_EXPECTED);
        URI url = urlNode == null ? null : vaultUrl(urlNode, s.child("url"));
        String mount = mountOrRole(s, "mount", "the SSH secrets engine's mount path, such as ssh-client-signer");
        String role = mountOrRole(s, "role", "the Vault role that signs, such as gpu-ops");
        Node tokenNode = s.require(reader, "token", "; expected a Vault token, usually ${VAULT_TOKEN}");
        Secret token = tokenNode == null ? null : secret(tokenNode, s.child("token"),
                "expected a Vault token, usually ${VAULT_TOKEN}");
        Path caFile = s.has("caFile") ? reader.path(s.get("caFile"), s.child("caFile"),
                "expected the path of a PEM file with the CA of Vault's TLS certificate",
                "expected the path of a PEM file with the CA of Vault's TLS certificate") : null;
        if (url == null || mount == null || role == null || token == null || (s.has("caFile") && caFile == null)) {
            return null;
        }
        return new SignerConfig.Vault(url, mount, role, token, caFile);
    }

    /** Vault is sent a token: over the network only with TLS; plain http is for a Vault on this machine. */
    private URI vaultUrl(Node node, String path) {
        URI url = reader.url(node, path, VAULT_URL_EXPECTED);
        if (url == null) {
            return null;
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (!"https".equalsIgnoreCase(url.getScheme()) && !LOOPBACK.contains(host)) {
            reader.report(node, path, ScalarText.quote(url.toString()) + " is not https; " + VAULT_URL_EXPECTED
                    + " (plain http only for 127.0.0.1, localhost or ::1: the token would cross the network in "
                    + "clear text)");
            return null;
        }
        return url;
    }

    private String mountOrRole(Section s, String key, String what) {
        Node node = s.require(reader, key, "; expected " + what);
        if (node == null) {
            return null;
        }
        ScalarText text = reader.text(node, s.child(key), "expected " + what);
        if (text == null) {
            return null;
        }
        String value = text.value().strip();
        if (!MOUNT.matcher(value).matches()) {
            reader.report(node, s.child(key), text.shown() + " is not a valid " + key + "; expected " + what
                    + " (letters, digits, '.', '_', '-' and '/' between parts)");
            return null;
        }
        return value;
    }

    private SignerConfig.LocalCa localCa(Section s) {
        s.rejectUnknown(reader, LOCAL_CA_KEYS);
        String expected = "expected the path of the CA's private key (OpenSSH format), such as /path/to/ca";
        Node keyNode = s.require(reader, "caKey", "; " + expected);
        Path caKey = keyNode == null ? null : reader.path(keyNode, s.child("caKey"), expected, expected);
        Secret passphrase = s.has("passphrase") ? secret(s.get("passphrase"), s.child("passphrase"),
                "expected the CA key's passphrase, usually ${CA_PASSPHRASE}, or no passphrase: for a key without one")
                : null;
        if (caKey == null || (s.has("passphrase") && passphrase == null)) {
            return null;
        }
        return new SignerConfig.LocalCa(caKey, passphrase);
    }

    /** A credential: never quoted in a message, whether written in the file or taken from the environment. */
    private Secret secret(Node node, String path, String expected) {
        ScalarText text = reader.text(node, path, expected, true);
        if (text == null) {
            return null;
        }
        if (text.value().isEmpty()) {
            reader.report(node, path, "is empty" + (text.fromEnv() ? " after expanding environment variables" : "")
                    + "; " + expected);
            return null;
        }
        return new Secret(text.value());
    }

    /** roles: role name to permissions; null after a problem. */
    private Map<String, Set<Permission>> roles(Node node) {
        Section s = Section.of(reader, node, "roles", ROLES_EXPECTED);
        if (s == null) {
            return null;
        }
        Map<String, Set<Permission>> roles = new LinkedHashMap<>();
        boolean ok = true;
        List<String> permissionNames = List.of(Permission.values()).stream().map(Permission::wireName).toList();
        for (Section.Entry entry : s.entries()) {
            String rolePath = s.child(entry.name());
            if (!SourceReader.ID.matcher(entry.name()).matches()) {
                reader.report(entry.key(), "roles", ScalarText.quote(entry.name()) + " is not a valid role name; "
                        + "expected letters, digits, '.', '_' or '-', such as lead");
                ok = false;
                continue;
            }
            roleNames.add(entry.name());
            if (!NodeReader.isNull(entry.value()) && !(entry.value() instanceof SequenceNode)) {
                reader.report(entry.value(), rolePath, NodeReader.kind(entry.value(), false) + "; "
                        + PERMISSIONS_EXPECTED + ", such as [view, ack]");
                ok = false;
                continue;
            }
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (NameList.Item item : NameList.read(reader, entry.value(), rolePath, PERMISSIONS_EXPECTED)) {
                String name = item.value().toLowerCase(Locale.ROOT);
                if (permissionNames.contains(name)) {
                    permissions.add(Permission.valueOf(name.toUpperCase(Locale.ROOT)));
                    continue;
                }
                Optional<String> suggestion = KeySuggestions.closest(item.value(), permissionNames);
                reader.report(item.node(), item.path(), ScalarText.quote(item.value()) + " is not a permission"
                        + suggestion.map(x -> " (did you mean " + ScalarText.quote(x) + "?)").orElse("")
                        + "; " + PERMISSIONS_EXPECTED);
                ok = false;
            }
            roles.put(entry.name(), Set.copyOf(permissions));
        }
        return ok ? roles : null;
    }

    /** users: OS user name to role name; null after a problem. */
    private Map<String, String> users(Node node, String path, Set<String> roleNames) {
        Section s = Section.of(reader, node, path, "expected a mapping of OS user name to role, such as {ana: lead}");
        if (s == null) {
            return null;
        }
        Map<String, String> users = new LinkedHashMap<>();
        boolean ok = true;
        for (Section.Entry entry : s.entries()) {
            String role = roleName(entry.value(), s.child(entry.name()), roleNames);
            if (role == null) {
                ok = false;
            } else {
                users.put(entry.name(), role);
            }
        }
        return ok ? users : null;
    }

    /** A role that roles: defines (the built-in wall, operator and lead without roles:). */
    private String roleName(Node node, String path, Set<String> roleNames) {
        String expected = "expected a role under roles:, one of " + String.join(", ", roleNames.stream().sorted().toList());
        ScalarText text = reader.text(node, path, expected);
        if (text == null) {
            return null;
        }
        String value = text.value().strip();
        if (roleNames.contains(value)) {
            return value;
        }
        Optional<String> suggestion = KeySuggestions.closest(value, roleNames);
        reader.report(node, path, "no role " + ScalarText.quote(value)
                + suggestion.map(x -> " (did you mean " + ScalarText.quote(x) + "?)").orElse("") + "; " + expected);
        return null;
    }
}
