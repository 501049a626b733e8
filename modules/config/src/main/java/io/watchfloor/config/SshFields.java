package io.watchfloor.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The keys bastions and hosts share: how to reach an SSH server (host, port, user) and which files authenticate it
 * and us (knownHosts, identity). Values here end up on SSH command lines and in known_hosts look-ups, so they are
 * held to plain characters rather than passed through as written.
 */
final class SshFields {
    static final int DEFAULT_PORT = 22;
    static final String PORT_EXPECTED = "expected a port from 1 to 65535 (default 22)";

    /** A host name, IPv4 or IPv6 address; no spaces, quotes or brackets. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%-]+");
    /** A POSIX-style login name. */
    static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*\\$?");

    private final NodeReader reader;

    SshFields(NodeReader reader) {
        this.reader = reader;
    }

    /** The host name or address, or null after a problem. */
    String host(Section s, String example) {
        Node node = s.require(reader, "host", "; expected a host name or address such as " + example);
        if (node == null) {
            return null;
        }
        String expected = "expected a host name or address such as " + example;
        ScalarText text = reader.text(node, s.child("host"), expected);
        if (text == null) {
            return null;
        }
        String value = text.value().strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1); // [::1] as in URLs
        }
        if (!HOST.matcher(value).matches()) {
            reader.report(node, s.child("host"), text.shown() + " is not a host name or address; " + expected);
            return null;
        }
        return value;
    }

    /** The port, 22 when absent; null after a problem. */
    Integer port(Section s) {
        return s.has("port") ? reader.wholeNumber(s.get("port"), s.child("port"), 1, 65535, PORT_EXPECTED)
                : Integer.valueOf(DEFAULT_PORT);
    }

    /** The login name, required; null after a problem. */
    String user(Section s) {
        String expected = "expected the login name on that server, such as ops";
        Node node = s.require(reader, "user", "; " + expected);
        return node == null ? null : userName(node, s.child("user"), expected);
    }

    String userName(Node node, String path, String expected) {
        ScalarText text = reader.text(node, path, expected);
        if (text == null) {
            return null;
        }
        String value = text.value().strip();
        if (!USER.matcher(value).matches()) {
            reader.report(node, path, text.shown() + " is not a login name; expected letters, digits, '.', '_' or '-',"
                    + " such as ops");
            return null;
        }
        return value;
    }

    /** The private key file, or null for ssh-agent and the default keys. Need not exist yet. */
    Path identity(Section s) {
        return s.has("identity") ? reader.path(s.get("identity"), s.child("identity"),
                "expected the path of a private key file such as ~/.ssh/id_ed25519",
                "expected the path of a private key file such as ~/.ssh/id_ed25519, or no identity: for ssh-agent")
                : null;
    }

    /** The known_hosts file, ~/.ssh/known_hosts when absent. Need not exist yet: an unknown host is refused then. */
    Path knownHosts(Section s) {
        return s.has("knownHosts") ? reader.path(s.get("knownHosts"), s.child("knownHosts"),
                "expected the path of a known_hosts file such as ~/.ssh/known_hosts",
                "expected the path of a known_hosts file such as ~/.ssh/known_hosts")
                : defaultKnownHosts();
    }

    static Path defaultKnownHosts() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    /** A unique id among {@code firstIds}; "what" names the kind of entry for messages. */
    String id(Section s, String what, String example, Map<String, Position> firstIds) {
        Node node = s.require(reader, "id", "; expected a short id such as " + example);
        if (node == null) {
            return null;
        }
        String path = s.child("id");
        ScalarText id = reader.text(node, path, "expected a short id such as " + example);
        if (id == null) {
            return null;
        }
        String value = id.value().strip();
        if (!SourceReader.ID.matcher(value).matches()) {
            reader.report(node, path, id.shown() + " is not a valid id; expected letters, digits, '.', '_' or '-', "
                    + "such as " + example);
            return null;
        }
        Position first = firstIds.putIfAbsent(value, reader.problems().position(node));
        if (first != null) {
            reader.report(node, path, "duplicate " + what + " id " + ScalarText.quote(value) + " (first defined at line "
                    + first.line() + "); expected a unique id per " + what);
            return null;
        }
        return value;
    }
}
