package io.watchfloor.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads an endpoint's {@code probe:}. Every key has a default, so {@code probe: {}} (or {@code probe: true}) probes
 * the endpoint's url; {@code probe: false} turns probing off.
 */
final class ProbeReader {
    static final List<String> KEYS = List.of("kind", "url", "interval", "timeout", "expectStatus", "json", "apiKeyEnv",
            "model", "caFile");
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final int DEFAULT_STATUS = 200;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String EXPECTED = "expected a mapping such as {interval: 30s, timeout: 5s}, or {} for the defaults";
    private static final List<String> KIND_NAMES = Arrays.stream(ProbeConfig.Kind.values())
            .map(ProbeConfig.Kind::wireName).toList();

    private final NodeReader reader;
    private final Map<String, String> env;

    ProbeReader(NodeReader reader, Map<String, String> env) {
        this.reader = reader;
        this.env = env;
    }

    /** {@code probe: false}, which means "do not probe". */
    static boolean isOff(Node node) {
        return node instanceof ScalarNode s && Tag.BOOL.equals(s.getTag()) && !isTrue(s);
    }

    /**
     * The probe, or null when it is off or invalid (reported).
     *
     * @param provider        the endpoint's provider, null when invalid (reported)
     * @param endpointUrl     the endpoint's url, null when it has none or it is invalid
     * @param endpointHasUrl  whether the endpoint has a url, or its missing or invalid url is reported there already
     */
    ProbeConfig read(Node node, String path, Provider provider, URI endpointUrl, boolean endpointHasUrl) {
        Position position = reader.problems().position(node);
        if (node instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
            node = null; // "probe: true" reads as all defaults; "probe: false" as no probe
            if (!isTrue(scalar)) {
                return null;
            }
        }
        Section s = Section.of(reader, node, path, EXPECTED);
        if (s == null) {
            return null;
        }
        s.rejectUnknown(reader, KEYS);
        boolean openAi = provider == Provider.OPENAI_COMPATIBLE && endpointHasUrl;
        // An OpenAI-compatible server lists its models for free; anything else gets a plain HTTP check.
        ProbeConfig.Kind defaultKind = openAi ? ProbeConfig.Kind.MODELS : ProbeConfig.Kind.HTTP;
        ProbeConfig.Kind kind = s.has("kind") ? kind(s.get("kind"), s.child("kind")) : defaultKind;
        String kindShown = kind == null ? null : kind.wireName() + (s.has("kind") ? "" : " (the default"
                + (openAi ? " for an openai-compatible endpoint with a url)" : ")"));

        URI url = endpointUrl;
        if (s.has("url")) {
            url = reader.url(s.get("url"), s.child("url"), "expected an absolute http or https URL such as "
                    + (kind == ProbeConfig.Kind.HTTP ? "https://llm.example.com/health" : "http://127.0.0.1:8000/v1"));
            if (url != null && kind != ProbeConfig.Kind.HTTP) {
                url = URI.create(url.toString().replaceFirst("/+$", "")); // a base that /models is appended to
            }
        } else if (!endpointHasUrl) {
            s.require(reader, "url", "; expected the URL to probe, because the endpoint has no url");
        }

        Duration interval = s.has("interval") ? reader.duration(s.get("interval"), s.child("interval"), MIN_INTERVAL)
                : ProbeConfig.DEFAULT_INTERVAL;
        Duration timeout = s.has("timeout") ? reader.duration(s.get("timeout"), s.child("timeout"), SourceReader.MIN_TIMEOUT)
                : ProbeConfig.DEFAULT_TIMEOUT;
        if (interval != null && timeout != null && timeout.compareTo(interval) >= 0) {
            if (s.has("timeout")) {
                reader.report(s.get("timeout"), s.child("timeout"), Durations.format(timeout) + " is not shorter than "
                        + "interval (" + Durations.format(interval) + (s.has("interval") ? "" : ", the default")
                        + "); expected a timeout shorter than the interval");
            } else {
                reader.report(s.get("interval"), s.child("interval"), Durations.format(interval) + " is not longer than "
                        + "timeout (" + Durations.format(timeout) + ", the default); expected an interval longer than the "
                        + "timeout");
            }
        }
        Integer status = s.has("expectStatus") ? reader.wholeNumber(s.get("expectStatus"), s.child("expectStatus"), 100,
                599, "expected an HTTP status from 100 to 599, such as 200") : (Integer) DEFAULT_STATUS;

        JsonCheck json = s.has("json") ? json(s.get("json"), s.child("json")) : JsonCheck.NONE;
        if (s.has("json") && kind != null && kind != ProbeConfig.Kind.HTTP) {
            reader.report(s.get("json"), s.child("json"), "is checked by http probes only, and this probe's kind is "
                    + kindShown + "; expected kind: http, or no json");
        }
        String model = null;
        if (s.has("model")) {
            model = text(s, "model", "expected a model name such as meta-llama/Llama-3.1-8B-Instruct");
            if (kind != null && kind != ProbeConfig.Kind.COMPLETION) {
                reader.report(s.get("model"), s.child("model"), "is used by completion probes only, and this probe's "
                        + "kind is " + kindShown + "; expected kind: completion, or no model");
            }
        } else if (kind == ProbeConfig.Kind.COMPLETION) {
            s.require(reader, "model", "; expected the model a completion probe asks for one token, such as "
                    + "meta-llama/Llama-3.1-8B-Instruct");
        }
        String apiKeyEnv = s.has("apiKeyEnv") ? apiKeyEnv(s.get("apiKeyEnv"), s.child("apiKeyEnv")) : null;
        Path caFile = s.has("caFile") ? reader.caFile(s.get("caFile"), s.child("caFile")) : null;

        if (kind == null || url == null || interval == null || timeout == null || status == null) {
            return null; // reported
        }
        return new ProbeConfig(kind, url, interval, timeout, status, json.pointer(), json.equals(), apiKeyEnv, model, caFile, position);
    }

    private ProbeConfig.Kind kind(Node node, String path) {
        String expected = "expected one of: " + String.join(", ", KIND_NAMES);
        ScalarText text = reader.text(node, path, expected);
        if (text == null) {
            return null;
        }
        for (ProbeConfig.Kind kind : ProbeConfig.Kind.values()) {
            if (kind.wireName().equalsIgnoreCase(text.value().strip())) {
                return kind;
            }
        }
        Optional<String> suggestion = KeySuggestions.closest(text.value().strip(), KIND_NAMES);
        reader.report(node, path, text.shown() + " is not a probe kind"
                + suggestion.map(k -> " (did you mean " + ScalarText.quote(k) + "?)").orElse("") + "; " + expected);
        return null;
    }

    /** {@code json: {pointer, equals}}; either part is null when absent or invalid (reported). */
    private record JsonCheck(String pointer, String equals) {
        static final JsonCheck NONE = new JsonCheck(null, null);
    }

    private JsonCheck json(Node node, String path) {
        Section s = Section.of(reader, node, path, "expected a mapping such as {pointer: /status, equals: ok}");
        if (s == null) {
            return JsonCheck.NONE;
        }
        String pointerValue = null;
        s.rejectUnknown(reader, List.of("pointer", "equals"));
        Node pointerNode = s.require(reader, "pointer", "; expected a JSON pointer into the body, such as /status");
        if (pointerNode != null) {
            ScalarText pointer = reader.text(pointerNode, s.child("pointer"), "expected a JSON pointer such as /status");
            if (pointer != null && !pointer.value().startsWith("/")) {
                reader.report(pointerNode, s.child("pointer"), pointer.shown() + " does not start with \"/\"; expected a "
                        + "JSON pointer such as /status or /data/0/id");
            } else if (pointer != null) {
                pointerValue = pointer.value();
            }
        }
        ScalarText equals = null;
        if (s.has("equals")) {
            // numbers and booleans compare as the text written in the file: "equals: 1" matches {"x": 1}
            equals = reader.text(s.get("equals"), s.child("equals"), "expected the value to compare with, such as ok");
        }
        return new JsonCheck(pointerValue, equals == null ? null : equals.value());
    }

    /** The name of the variable holding the API key; the key itself must never be in the file. */
    private String apiKeyEnv(Node node, String path) {
        ScalarText name = reader.text(node, path, "expected the name of an environment variable such as LLM_API_KEY");
        if (name == null) {
            return null;
        }
        if (!ENV_NAME.matcher(name.value()).matches()) {
            // not quoted: a value that is not a variable name may well be the key pasted in by mistake
            reader.report(node, path, "is not an environment variable name; expected the name (letters, digits, '_') "
                    + "of the variable that holds the API key, such as LLM_API_KEY, not the key itself");
            return null;
        }
        String key = env.get(name.value());
        if (key == null || key.isEmpty()) {
            reader.report(node, path, "environment variable " + name.value() + " is " + (key == null ? "not set" : "empty")
                    + "; expected it to hold the API key the probe sends");
        }
        return name.value();
    }

    private String text(Section s, String key, String expected) {
        ScalarText text = reader.text(s.get(key), s.child(key), expected);
        if (text != null && text.value().isBlank()) {
            reader.report(s.get(key), s.child(key), "is empty; " + expected);
            return null;
        }
        return text == null ? null : text.value().strip();
    }

    private static boolean isTrue(ScalarNode node) {
        return switch (node.getValue().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            default -> false;
        };
    }
}
