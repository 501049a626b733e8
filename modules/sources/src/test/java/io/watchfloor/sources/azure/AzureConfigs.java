package io.watchfloor.sources.azure;

import io.watchfloor.config.Auth;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.Position;
import io.watchfloor.config.Provider;
import io.watchfloor.config.SourceConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Source and endpoint entries as the config loader would build them. */
final class AzureConfigs {
    static final Path FILE = Path.of("watchfloor.yaml");
    static final Position ENTRY = new Position(FILE, 9, 5);
    static final String SOURCE_ID = "azure";

    private AzureConfigs() {
    }

    static SourceConfig source(URI url, Map<String, Object> options) {
        return source(url, options, Auth.NONE, Duration.ofSeconds(60));
    }

    static SourceConfig source(URI url, Map<String, Object> options, Auth auth, Duration interval) {
        Map<String, Position> positions = new HashMap<>();
        int line = 12;
        for (String key : options.keySet().stream().sorted().toList()) {
            positions.put(key, new Position(FILE, line++, 7));
        }
        return new SourceConfig(SOURCE_ID, "azure-monitor", interval, Duration.ofSeconds(5), url, auth, Map.of(), null,
                options, positions, ENTRY);
    }

    static EndpointConfig openAi(String id, String resource, String deployment) {
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("resource", resource);
        if (deployment != null) {
            identity.put("deployment", deployment);
        }
        return endpoint(id, Provider.AZURE_OPENAI, identity);
    }

    static EndpointConfig ml(String id, String resource, String deployment) {
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("resource", resource);
        if (deployment != null) {
            identity.put("deployment", deployment);
        }
        return endpoint(id, Provider.AZURE_ML, identity);
    }

    static EndpointConfig endpoint(String id, Provider provider, Map<String, String> identity) {
        return new EndpointConfig(id, null, provider, null, SOURCE_ID, identity, null, null, null,
                new Position(FILE, 40, 5));
    }
}
