package io.watchfloor.config;

import java.util.List;
import java.util.Locale;

/**
 * Where an LLM endpoint runs, and so which keys name it at its provider and which source type reads its
 * metrics. The identity keys are validated here once, for every source that serves the provider.
 */
public enum Provider {
    /** An OpenAI-compatible server (vLLM, TGI, llama.cpp, ...) probed at its url; metrics optional via Prometheus. */
    OPENAI_COMPATIBLE("openai-compatible", "prometheus", List.of(), List.of("selector", "server")),
    /** Azure OpenAI: the Cognitive Services account (ARM resource id) and the model deployment. */
    AZURE_OPENAI("azure-openai", "azure-monitor", List.of("resource", "deployment"), List.of()),
    /** Azure Machine Learning managed online endpoint (ARM resource id) and optionally one deployment. */
    AZURE_ML("azure-ml", "azure-monitor", List.of("resource"), List.of("deployment")),
    /** Amazon Bedrock: the model id, in the source's region unless region is given. */
    BEDROCK("bedrock", "cloudwatch", List.of("model"), List.of("region")),
    /** Amazon SageMaker real-time endpoint and production variant (default AllTraffic). */
    SAGEMAKER("sagemaker", "cloudwatch", List.of("endpointName"), List.of("variant", "region")),
    /** Vertex AI endpoint, read through Google Managed Prometheus (a prometheus source with google auth). */
    VERTEX("vertex", "prometheus", List.of("endpointId"), List.of("project", "location")),
    /** Anything whose signals are in Prometheus under a label selector (blackbox probes, custom servers). */
    PROMETHEUS("prometheus", "prometheus", List.of("selector"), List.of("server"));

    private final String wireName;
    private final String sourceType;
    private final List<String> requiredKeys;
    private final List<String> optionalKeys;

    Provider(String wireName, String sourceType, List<String> requiredKeys, List<String> optionalKeys) {
        this.wireName = wireName;
        this.sourceType = sourceType;
        this.requiredKeys = requiredKeys;
        this.optionalKeys = optionalKeys;
    }

    /** The {@code provider:} value in config and in state JSON. */
    public String wireName() {
        return wireName;
    }

    /** The {@code type:} of the source that reads this provider's metrics. */
    public String sourceType() {
        return sourceType;
    }

    /** Identity keys an endpoint of this provider must have. */
    public List<String> requiredKeys() {
        return requiredKeys;
    }

    public List<String> optionalKeys() {
        return optionalKeys;
    }

    public static Provider fromWireName(String name) {
        for (Provider p : values()) {
            if (p.wireName.equals(name.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }

    public static List<String> wireNames() {
        return java.util.Arrays.stream(values()).map(Provider::wireName).toList();
    }
}
