package io.watchfloor.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code sources:}. Common keys are checked here; any other key is an option of the source's
 * type and is only converted, because which types and options exist is the sources module's business.
 */
final class SourceReader {
    static final List<String> KEYS = List.of("id", "type", "url", "interval", "timeout", "auth", "headers", "caFile");
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

    /** Ids of sources and endpoints: safe in file names, URLs and state JSON. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");
    // RFC 9110 token characters
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final String URL_EXPECTED = "expected an absolute http or https URL such as http://127.0.0.1:9090";

    private final NodeReader reader;
    private final Map<String, Position> firstIds = new HashMap<>();

    SourceReader(NodeReader reader) {
        this.reader = reader;
    }

    List<SourceConfig> readAll(Node node) {
        String expected = "expected a list of sources, each with at least id and type";
        if (NodeReader.isNull(node) || !(node instanceof SequenceNode list)) {
            reader.report(node, "sources", NodeReader.kind(node, false) + "; " + expected
                    + (NodeReader.isNull(node) ? "" : " (start each source with \"- \")"));
            return List.of();
        }
        if (list.getValue().isEmpty()) {
            reader.report(node, "sources", "is empty; " + expected);
        }
        List<SourceConfig> sources = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            SourceConfig source = read(list.getValue().get(i), "sources[" + i + "]");
            if (source != null) {
                sources.add(source);
            }
        }
        return sources;
    }

    private SourceConfig read(Node node, String path) {
        Section s = Section.of(reader, node, path, "expected a mapping with at least id and type");
        if (s == null) {
            return null;
        }
        String id = id(s.require(reader, "id", ""), s.child("id"));
        ScalarText type = s.has("type")
                ? reader.text(s.get("type"), s.child("type"), "expected a source type such as prometheus") : null;
        s.require(reader, "type", "");
        if (type != null && type.value().isBlank()) {
            reader.report(type.node(), s.child("type"), "is empty; expected a source type such as prometheus");
        }
        URI url = s.has("url") ? reader.url(s.get("url"), s.child("url"), URL_EXPECTED) : null;
        Duration interval = s.has("interval") ? reader.duration(s.get("interval"), s.child("interval"), MIN_INTERVAL)
                : SourceConfig.DEFAULT_INTERVAL;
        Duration timeout = s.has("timeout") ? reader.duration(s.get("timeout"), s.child("timeout"), MIN_TIMEOUT)
                : SourceConfig.DEFAULT_TIMEOUT;
        Auth auth = s.has("auth") ? new AuthReader(reader).read(s.get("auth"), s.child("auth")) : Auth.NONE;
        Map<String, String> headers = s.has("headers") ? headers(s.get("headers"), s.child("headers")) : Map.of();
        Path caFile = s.has("caFile") ? reader.caFile(s.get("caFile"), s.child("caFile")) : null;

        Map<String, Object> options = new LinkedHashMap<>();
        Map<String, Position> optionPositions = new LinkedHashMap<>();
        OptionValues values = new OptionValues(reader);
        for (Section.Entry entry : s.entries()) {
            if (KEYS.contains(entry.name())) {
                continue;
            }
            Optional<String> typo = KeySuggestions.likelyTypo(entry.name(), KEYS);
            if (typo.isPresent()) {
                reader.report(entry.key(), path, Section.unknownKey(entry.name(), typo,
                        List.of(String.join(", ", KEYS) + ", or an option of the source's type")));
                continue;
            }
            String optionPath = s.child(entry.name());
            if (NodeReader.isNull(entry.value())) {
                reader.report(entry.value(), optionPath, "has no value; expected a value, or remove the key");
                continue;
            }
            Object value = values.read(entry.value(), optionPath);
            if (value != null) {
                options.put(entry.name(), value);
                optionPositions.put(entry.name(), reader.problems().position(entry.key()));
            }
        }
        return new SourceConfig(id, type == null ? null : type.value(), interval, timeout, url, auth == null ? Auth.NONE : auth,
                headers, caFile, options, optionPositions, reader.problems().position(node));
    }

    private String id(Node node, String path) {
        if (node == null) {
            return null;
        }
        ScalarText id = reader.text(node, path, "expected an id such as prom-main");
        if (id == null) {
            return null;
        }
        if (!ID.matcher(id.value()).matches()) {
            reader.report(node, path, id.shown() + " is not a valid id; expected letters, digits, '.', '_' or '-', "
                    + "such as prom-main");
            return null;
        }
        Position here = reader.problems().position(node);
        Position first = firstIds.putIfAbsent(id.value(), here);
        if (first != null) {
            reader.report(node, path, "duplicate source id " + ScalarText.quote(id.value()) + " (first defined at line "
                    + first.line() + "); expected a unique id per source");
        }
        return id.value();
    }

    private Map<String, String> headers(Node node, String path) {
        Section s = Section.of(reader, node, path, "expected a mapping of header names to values, such as "
                + "{X-Scope-OrgID: tenant-a}");
        if (s == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Section.Entry entry : s.entries()) {
            String headerPath = s.child(entry.name());
            if (!HEADER_NAME.matcher(entry.name()).matches()) {
                reader.report(entry.key(), path, ScalarText.quote(entry.name()) + " is not a valid header name; "
                        + "expected letters, digits and -, such as X-Scope-OrgID");
                continue;
            }
            // header values often carry credentials (Authorization, API keys): never quoted in messages
            ScalarText value = reader.text(entry.value(), headerPath, "expected a header value", true);
            if (value == null) {
                continue;
            }
            if (value.value().indexOf('\r') >= 0 || value.value().indexOf('\n') >= 0) {
                reader.report(entry.value(), headerPath, "contains a line break; expected a single-line header value");
                continue;
            }
            headers.put(entry.name(), value.value());
        }
        return headers;
    }
}
