package io.watchfloor.config;

import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a source's {@code auth:}, either {@code {bearer: TOKEN}} or {@code {basic: {user: U, password: P}}}.
 * Credentials become {@link Secret}s and no message here ever quotes one.
 */
final class AuthReader {
    private static final String EXPECTED = "expected {bearer: ${TOKEN_VAR}} or {basic: {user: NAME, password: ${PASSWORD_VAR}}}";

    private final NodeReader reader;

    AuthReader(NodeReader reader) {
        this.reader = reader;
    }

    /** The auth, Auth.NONE for an empty value, or null when it is invalid (reported). */
    Auth read(Node node, String path) {
        if (NodeReader.isNull(node)) {
            return Auth.NONE;
        }
        Section s = Section.of(reader, node, path, EXPECTED);
        if (s == null) {
            return null;
        }
        s.rejectUnknown(reader, List.of("bearer", "basic"));
        if (s.has("bearer") && s.has("basic")) {
            reader.report(node, path, "has both bearer and basic; expected exactly one of them");
            return null;
        }
        if (s.has("bearer")) {
            Secret token = secret(s.get("bearer"), s.child("bearer"), "expected a token, usually ${TOKEN_VAR}");
            return token == null ? null : new Auth.Bearer(token);
        }
        if (s.has("basic")) {
            return basic(s.get("basic"), s.child("basic"));
        }
        reader.report(node, path, "is empty; " + EXPECTED);
        return null;
    }

    private Auth basic(Node node, String path) {
        Section s = Section.of(reader, node, path, "expected {user: NAME, password: ${PASSWORD_VAR}}");
        if (s == null) {
            return null;
        }
        s.rejectUnknown(reader, List.of("user", "password"));
        Node userNode = s.require(reader, "user", "");
        Node passwordNode = s.require(reader, "password", "");
        ScalarText user = userNode == null ? null : reader.text(userNode, s.child("user"), "expected a user name");
        if (user != null && user.value().isEmpty()) {
            reader.report(userNode, s.child("user"), "is empty; expected a user name");
        }
        Secret password = passwordNode == null ? null
                : secret(passwordNode, s.child("password"), "expected a password, usually ${PASSWORD_VAR}");
        return user == null || password == null ? null : new Auth.Basic(user.value(), password);
    }

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
}
