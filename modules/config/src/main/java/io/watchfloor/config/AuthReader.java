package io.watchfloor.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a source's {@code auth:}: {@code {bearer: TOKEN}}, {@code {basic: {user: U, password: P}}}, or
 * {@code {type: google, scopes: [...]}} for Google application-default credentials (no secret in the file at all).
 * Credentials become {@link Secret}s and no message here ever quotes one.
 */
final class AuthReader {
    private static final String EXPECTED = "expected {bearer: ${TOKEN_VAR}}, {basic: {user: NAME, password: "
            + "${PASSWORD_VAR}}} or {type: google}";
    /** Kinds of auth written as {@code type:}; bearer and basic keep their older, shorter form. */
    private static final List<String> TYPES = List.of("google");

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
        if (s.has("type")) {
            return typed(s);
        }
        s.rejectUnknown(reader, List.of("bearer", "basic", "type"));
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

    /** {@code {type: google, scopes: [...]}}: the only typed auth so far. */
    private Auth typed(Section s) {
        s.rejectUnknown(reader, List.of("type", "scopes"));
        String expected = "expected one of: " + String.join(", ", TYPES) + " (bearer and basic are written as "
                + "{bearer: ...} and {basic: {...}})";
        ScalarText type = reader.text(s.get("type"), s.child("type"), expected);
        if (type == null) {
            return null;
        }
        if (!TYPES.contains(type.value().strip())) {
            reader.report(type.node(), s.child("type"), type.shown() + " is not an auth type; " + expected);
            return null;
        }
        List<String> scopes = s.has("scopes") ? scopes(s.get("scopes"), s.child("scopes"))
                : List.of(Auth.Google.CLOUD_PLATFORM);
        return scopes == null ? null : new Auth.Google(scopes);
    }

    /** OAuth scopes: a list of non-empty texts, or one text. */
    private List<String> scopes(Node node, String path) {
        String expected = "expected a list of OAuth scopes such as [" + Auth.Google.CLOUD_PLATFORM + "]";
        List<Node> items = node instanceof SequenceNode list ? list.getValue() : List.of(node);
        if (items.isEmpty()) {
            reader.report(node, path, "is empty; " + expected + ", or no scopes key for that default");
            return null;
        }
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = node instanceof SequenceNode ? path + "[" + i + "]" : path;
            ScalarText scope = reader.text(items.get(i), itemPath, expected);
            if (scope != null && scope.value().isBlank()) {
                reader.report(items.get(i), itemPath, "is empty; " + expected);
            } else if (scope != null) {
                scopes.add(scope.value().strip());
            }
        }
        return scopes.size() == items.size() ? List.copyOf(scopes) : null;
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
