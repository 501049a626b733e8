package io.watchfloor.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code endpoints:}. Unlike a source, an endpoint has a closed set of keys: the common ones plus the identity
 * keys of its provider, so every other key is a mistake and gets a "did you mean". Sources are read first, because
 * an endpoint's {@code source:} must name one of the right type.
 */
final class EndpointReader {
    static final List<String> KEYS = List.of("id", "name", "provider", "url", "source", "probe", "sla", "customer");
    static final List<String> SLA_KEYS = List.of("target", "serverErrorPct", "slowP95");
    /**
     * The demo source simulates endpoints of every provider, so it may stand in for any provider's source type
     * (a demo config then needs no cloud account).
     */
    static final String DEMO_SOURCE_TYPE = "demo";

    static final String URL_EXPECTED = "expected an absolute http or https URL such as http://127.0.0.1:8000/v1";
    /** Operation paths that people paste instead of the API's base URL; the probe appends them itself. */
    private static final List<String> OPERATION_PATHS = List.of("/chat/completions", "/completions", "/models");
    private static final String ENTRY_EXPECTED = "expected a mapping with at least id and provider";
    private static final String TARGET = "expected a percentage above 0 and below 100, such as 99.5";
    private static final String PERCENT = "expected a percentage from 0 to 100";

    /** What each identity key holds, for messages about an empty one. */
    private static final Map<String, String> IDENTITY_EXAMPLES = Map.ofEntries(
            Map.entry("resource", "an ARM resource id such as /subscriptions/SUB/resourceGroups/RG/providers/"
                    + "Microsoft.CognitiveServices/accounts/NAME"),
            Map.entry("deployment", "a deployment name such as gpt-4o"),
            Map.entry("model", "a Bedrock model id such as anthropic.claude-3-haiku-20240307-v1:0"),
            Map.entry("region", "a region such as us-east-1"),
            Map.entry("endpointName", "a SageMaker endpoint name such as llama-prod"),
            Map.entry("variant", "a production variant such as AllTraffic"),
            Map.entry("endpointId", "a Vertex AI endpoint id such as 1234567890123456789"),
            Map.entry("project", "a Google Cloud project id such as my-project"),
            Map.entry("location", "a Google Cloud region such as us-central1"),
            Map.entry("selector", "PromQL label matchers such as job=\"vllm\",instance=\"gpu-01:8000\""),
            Map.entry("server", "the model server, such as vllm or tgi"));

    private final NodeReader reader;
    private final ProbeReader probes;
    /** Configured source id to its type (null when the type itself is invalid; reported with the source). */
    private final Map<String, String> sourceTypes = new LinkedHashMap<>();
    private final Map<String, Position> firstIds = new HashMap<>();
    private final List<CustomerClaim> customerClaims = new ArrayList<>();

    /** An endpoint's own {@code customer:}, kept with its place so customers: can check it against its list. */
    record CustomerClaim(String endpointId, String customer, Node node, String path) {
    }

    EndpointReader(NodeReader reader, Map<String, String> env, List<SourceConfig> sources) {
        this.reader = reader;
        this.probes = new ProbeReader(reader, env);
        for (SourceConfig source : sources) {
            if (source.id() != null) {
                sourceTypes.putIfAbsent(source.id(), source.type());
            }
        }
    }

    List<EndpointConfig> readAll(Node node) {
        if (NodeReader.isNull(node)) {
            return List.of(); // "endpoints:" with every entry commented out
        }
        if (!(node instanceof SequenceNode list)) {
            reader.report(node, "endpoints", NodeReader.kind(node, false) + "; expected a list of endpoints, each with "
                    + "at least id and provider (start each endpoint with \"- \")");
            return List.of();
        }
        List<EndpointConfig> endpoints = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            EndpointConfig endpoint = read(list.getValue().get(i), "endpoints[" + i + "]");
            if (endpoint != null) {
                endpoints.add(endpoint);
            }
        }
        return endpoints;
    }

    /** Every valid endpoint id read so far, also of entries with other problems (so maintenance can name them). */
    Set<String> ids() {
        return firstIds.keySet();
    }

    /** The {@code customer:} of every endpoint with a valid id, in file order. */
    List<CustomerClaim> customerClaims() {
        return List.copyOf(customerClaims);
    }

    private EndpointConfig read(Node node, String path) {
        Section s = Section.of(reader, node, path, ENTRY_EXPECTED);
        if (s == null) {
            return null;
        }
        Provider provider = provider(s);
        Set<String> misspelt = s.rejectUnknown(reader, knownKeys(provider));
        String id = s.has("id") || !misspelt.contains("id") ? id(s.require(reader, "id", ""), s.child("id")) : null;
        if (!s.has("provider") && !misspelt.contains("provider")) {
            s.require(reader, "provider", "; expected one of: " + String.join(", ", Provider.wireNames()));
        }
        String name = optionalText(s, "name", "expected a display name such as \"LLaMA 3 on-prem\"");
        String customer = optionalText(s, "customer", "expected a customer id such as acme");
        if (id != null && customer != null) {
            customerClaims.add(new CustomerClaim(id, customer, s.get("customer"), s.child("customer")));
        }
        URI url = s.has("url") ? baseUrl(s.get("url"), s.child("url")) : null;
        Map<String, String> identity = provider == null ? Map.of() : identity(s, provider, misspelt);
        String sourceId = provider == null ? null : source(s, provider, misspelt);
        if (provider == Provider.OPENAI_COMPATIBLE && !s.has("url") && !misspelt.contains("url")) {
            s.require(reader, "url", "; expected the base URL of the OpenAI-compatible API, such as "
                    + "http://127.0.0.1:8000/v1");
        }
        // a url that is wrong or missing where required is reported once, at the endpoint, not again by its probe
        boolean urlReportedHere = s.has("url") || misspelt.contains("url") || provider == Provider.OPENAI_COMPATIBLE;
        ProbeConfig probe = s.has("probe") ? probes.read(s.get("probe"), s.child("probe"), provider, url, urlReportedHere)
                : null;
        if (provider == Provider.OPENAI_COMPATIBLE && !s.has("source") && !misspelt.contains("source")
                && !misspelt.contains("probe") && (!s.has("probe") || ProbeReader.isOff(s.get("probe")))) {
            reader.report(node, path, "has neither a probe nor a source, so nothing would watch it; expected "
                    + "probe: {} (the console calls its url) or source: the id of a prometheus source with its metrics");
        }
        SlaConfig sla = s.has("sla") ? sla(s.get("sla"), s.child("sla")) : SlaConfig.DEFAULTS;
        if (id == null || provider == null) {
            return null; // reported; the rest was still checked so that one run shows every problem
        }
        return new EndpointConfig(id, name, provider, url, sourceId, identity, probe, sla, customer,
                reader.problems().position(node));
    }

    /** Keys allowed for this provider; with no valid provider, every provider's keys (no cascade of unknown keys). */
    private static List<String> knownKeys(Provider provider) {
        Set<String> known = new LinkedHashSet<>(KEYS);
        if (provider != null) {
            known.addAll(provider.requiredKeys());
            known.addAll(provider.optionalKeys());
        } else {
            for (Provider p : Provider.values()) {
                known.addAll(p.requiredKeys());
                known.addAll(p.optionalKeys());
            }
        }
        return List.copyOf(known);
    }

    private Provider provider(Section s) {
        if (!s.has("provider")) {
            return null;
        }
        String path = s.child("provider");
        String expected = "expected one of: " + String.join(", ", Provider.wireNames());
        ScalarText text = reader.text(s.get("provider"), path, expected);
        if (text == null) {
            return null;
        }
        Provider provider = Provider.fromWireName(text.value().strip());
        if (provider == null) {
            Optional<String> suggestion = KeySuggestions.closest(text.value().strip(), Provider.wireNames());
            reader.report(s.get("provider"), path, text.shown() + " is not a provider"
                    + suggestion.map(p -> " (did you mean " + ScalarText.quote(p) + "?)").orElse("") + "; " + expected);
        }
        return provider;
    }

    private String id(Node node, String path) {
        if (node == null) {
            return null;
        }
        ScalarText id = reader.text(node, path, "expected an id such as llama-onprem");
        if (id == null) {
            return null;
        }
        if (!SourceReader.ID.matcher(id.value()).matches()) {
            reader.report(node, path, id.shown() + " is not a valid id; expected letters, digits, '.', '_' or '-', "
                    + "such as llama-onprem");
            return null;
        }
        Position first = firstIds.putIfAbsent(id.value(), reader.problems().position(node));
        if (first != null) {
            reader.report(node, path, "duplicate endpoint id " + ScalarText.quote(id.value()) + " (first defined at line "
                    + first.line() + "); expected a unique id per endpoint");
            return null;
        }
        return id.value();
    }

    /** The base URL of the API (".../v1"), without a trailing slash so that probes can append "/models". */
    private URI baseUrl(Node node, String path) {
        URI url = reader.url(node, path, URL_EXPECTED);
        if (url == null) {
            return null;
        }
        String text = url.toString().replaceFirst("/+$", "");
        for (String operation : OPERATION_PATHS) {
            if (text.endsWith(operation)) {
                reader.report(node, path, "ends in " + operation + "; expected the base URL of the API, such as "
                        + "http://127.0.0.1:8000/v1 (the probe adds " + operation + " itself)");
                return null;
            }
        }
        return URI.create(text);
    }

    private Map<String, String> identity(Section s, Provider provider, Set<String> misspelt) {
        Map<String, String> identity = new LinkedHashMap<>();
        for (String key : provider.requiredKeys()) {
            if (!s.has(key) && !misspelt.contains(key)) {
                s.require(reader, key, "; expected " + and(provider.requiredKeys()) + " for provider "
                        + provider.wireName());
            }
        }
        List<String> keys = new ArrayList<>(provider.requiredKeys());
        keys.addAll(provider.optionalKeys());
        for (String key : keys) {
            if (!s.has(key)) {
                continue;
            }
            String expected = "expected " + IDENTITY_EXAMPLES.getOrDefault(key, "a value");
            ScalarText value = reader.text(s.get(key), s.child(key), expected);
            if (value != null && value.value().isBlank()) {
                reader.report(s.get(key), s.child(key), "is empty; " + expected);
            } else if (value != null) {
                identity.put(key, value.value().strip());
            }
        }
        return identity;
    }

    /** The source id, checked against {@code sources:}; required for every provider but openai-compatible. */
    private String source(Section s, Provider provider, Set<String> misspelt) {
        String sourceType = withArticle(provider.sourceType()) + " source";
        String wanted = "the id of " + sourceType + " under sources:";
        if (!s.has("source")) {
            if (provider != Provider.OPENAI_COMPATIBLE && !misspelt.contains("source")) {
                s.require(reader, "source", "; expected the id of " + sourceType + " (under sources:) that reads "
                        + provider.wireName() + " metrics");
            }
            return null;
        }
        Node node = s.get("source");
        String path = s.child("source");
        ScalarText text = reader.text(node, path, "expected " + wanted);
        if (text == null) {
            return null;
        }
        String id = text.value().strip();
        if (!sourceTypes.containsKey(id)) {
            Optional<String> suggestion = KeySuggestions.closest(id, sourceTypes.keySet());
            reader.report(node, path, "no source has id " + ScalarText.quote(id)
                    + suggestion.map(x -> " (did you mean " + ScalarText.quote(x) + "?)").orElse("")
                    + "; expected " + wanted);
            return null;
        }
        String type = sourceTypes.get(id);
        if (type != null && !type.equals(provider.sourceType()) && !type.equals(DEMO_SOURCE_TYPE)) {
            reader.report(node, path, ScalarText.quote(id) + " is " + withArticle(type) + " source; expected the id of "
                    + sourceType + ", which reads " + provider.wireName() + " metrics");
            return null;
        }
        return id;
    }

    private SlaConfig sla(Node node, String path) {
        SlaConfig d = SlaConfig.DEFAULTS;
        Section s = Section.of(reader, node, path, "expected a mapping such as {target: 99.5}");
        if (s == null) {
            return d;
        }
        s.rejectUnknown(reader, SLA_KEYS);
        // bounds just inside 0 and 100: a target of 100% leaves no error budget, 0% promises nothing
        Double target = s.has("target")
                ? reader.number(s.get("target"), s.child("target"), Double.MIN_VALUE, Math.nextDown(100.0), TARGET)
                : (Double) d.targetPct();
        Double serverErrorPct = s.has("serverErrorPct")
                ? reader.number(s.get("serverErrorPct"), s.child("serverErrorPct"), 0, 100, PERCENT)
                : (Double) d.serverErrorPct();
        Duration slow = s.has("slowP95") ? reader.duration(s.get("slowP95"), s.child("slowP95"), Duration.ofMillis(1)) : null;
        return new SlaConfig(target == null ? d.targetPct() : target,
                serverErrorPct == null ? d.serverErrorPct() : serverErrorPct,
                slow == null ? d.slowP95Ms() : slow.toMillis());
    }

    private String optionalText(Section s, String key, String expected) {
        if (!s.has(key)) {
            return null;
        }
        ScalarText text = reader.text(s.get(key), s.child(key), expected);
        if (text != null && text.value().isBlank()) {
            reader.report(s.get(key), s.child(key), "is empty; " + expected);
            return null;
        }
        return text == null ? null : text.value().strip();
    }

    /** "a cloudwatch", "an azure-monitor". */
    private static String withArticle(String word) {
        return ("aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an " : "a ") + word;
    }

    /** "a", "a and b", "a, b and c". */
    private static String and(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }
}
