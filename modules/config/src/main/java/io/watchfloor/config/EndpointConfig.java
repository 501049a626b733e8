package io.watchfloor.config;

import java.net.URI;
import java.util.Map;

/**
 * One entry under {@code endpoints:}: an LLM endpoint the console watches.
 *
 * @param url       the endpoint's base URL (OpenAI-compatible ".../v1"), null for cloud endpoints named by identity
 * @param sourceId  the configured source that reads this endpoint's metrics, null when none (probe only)
 * @param identity  the provider-specific keys naming it at the provider (see {@link Provider#requiredKeys()}),
 *                  e.g. resource + deployment for Azure OpenAI, model + region for Bedrock
 * @param probe     the console's own probe, null when the endpoint is not probed
 * @param customer  the customer owning it (usage reports), null when none
 */
public record EndpointConfig(String id, String name, Provider provider, URI url, String sourceId,
                             Map<String, String> identity, ProbeConfig probe, SlaConfig sla, String customer,
                             Position position) {
    public EndpointConfig {
        identity = Map.copyOf(identity);
        name = name == null ? id : name;
    }

    public String identity(String key) {
        return identity.get(key);
    }

    /** Short text naming the endpoint at its provider, for screens ("bedrock us-east-1 anthropic.claude-3-haiku"). */
    public String describe() {
        StringBuilder sb = new StringBuilder(provider.wireName());
        for (String k : provider.requiredKeys()) {
            sb.append(' ').append(identity.get(k));
        }
        if (url != null && provider == Provider.OPENAI_COMPATIBLE) {
            sb.append(' ').append(url);
        }
        return sb.toString();
    }
}
