package io.watchfloor.sources.prometheus;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One configured LLM endpoint as a prometheus source reads it: whose metric names to ask for and which label
 * matchers pick its series.
 *
 * @param matchers PromQL label matchers without braces, empty when the endpoint has no selector
 */
record EndpointTarget(EndpointConfig config, Server server, String matchers) {

    /** The metric families an endpoint's series come from. */
    enum Server {
        VLLM("vLLM"), TGI("TGI"), VERTEX("Vertex AI"), BLACKBOX("probe");

        private final String label;

        Server(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** The identity key choosing vLLM or TGI metric names. */
    static final String SERVER_KEY = "server";
    static final String SELECTOR_KEY = "selector";
    /** Cloud Monitoring's monitored resource type for Vertex AI endpoints (Cloud Monitoring "Monitored resource types"). */
    static final String VERTEX_RESOURCE = "aiplatform.googleapis.com/Endpoint";

    String id() {
        return config.id();
    }

    /**
     * How this source reads the endpoint.
     *
     * @throws IllegalArgumentException for a provider a prometheus source does not read or an unknown server value
     */
    static EndpointTarget of(EndpointConfig e) {
        Provider p = e.provider();
        return switch (p) {
            case VERTEX -> new EndpointTarget(e, Server.VERTEX, vertexMatchers(e));
            case OPENAI_COMPATIBLE -> new EndpointTarget(e, server(e, Server.VLLM), selector(e));
            case PROMETHEUS -> new EndpointTarget(e, server(e, Server.BLACKBOX), selector(e));
            default -> throw new IllegalArgumentException("endpoint '" + e.id() + "' is a " + p.wireName()
                    + " endpoint, which a " + p.sourceType() + " source reads, not a prometheus source");
        };
    }

    private static String selector(EndpointConfig e) {
        return PromQl.matchers(e.identity(SELECTOR_KEY));
    }

    /** vllm or tgi; without the key, the provider's default (vLLM names for an OpenAI-compatible server). */
    private static Server server(EndpointConfig e, Server absent) {
        String s = e.identity(SERVER_KEY);
        if (s == null || s.isBlank()) {
            return absent;
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "vllm" -> Server.VLLM;
            case "tgi" -> Server.TGI;
            default -> throw new IllegalArgumentException("endpoint '" + e.id() + "': server '" + s
                    + "' is not known; expected vllm or tgi");
        };
    }

    /**
     * Cloud Monitoring resource labels of aiplatform.googleapis.com/Endpoint are resource_container (the project),
     * location and endpoint_id; PromQL for Cloud Monitoring exposes them as plain labels and selects the resource type
     * with the special label monitored_resource (Google Cloud, "Mapping Cloud Monitoring metrics to PromQL").
     */
    private static String vertexMatchers(EndpointConfig e) {
        List<String> m = new ArrayList<>();
        m.add("monitored_resource=" + PromQl.quote(VERTEX_RESOURCE));
        String endpointId = e.identity("endpointId");
        if (endpointId == null || endpointId.isBlank()) {
            throw new IllegalArgumentException("endpoint '" + e.id() + "' needs endpointId, the Vertex AI endpoint id");
        }
        m.add("endpoint_id=" + PromQl.quote(endpointId.strip()));
        String location = e.identity("location");
        if (location != null && !location.isBlank()) {
            m.add("location=" + PromQl.quote(location.strip()));
        }
        String project = e.identity("project");
        if (project != null && !project.isBlank()) {
            m.add("resource_container=" + PromQl.quote(project.strip()));
        }
        return String.join(",", m);
    }
}
