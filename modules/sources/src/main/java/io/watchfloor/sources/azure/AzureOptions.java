package io.watchfloor.sources.azure;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.SourceConfig;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The typed options of a {@code type: azure-monitor} source.
 *
 * @param tenant   the Entra ID tenant to sign in to (a GUID or a domain such as contoso.onmicrosoft.com), null for
 *                 the credential's own
 * @param clientId the client id of a user-assigned managed identity, null for the system-assigned one (or none)
 */
record AzureOptions(String tenant, String clientId) {
    static final List<String> KEYS = List.of("tenant", "clientId");

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    /** Reads the options, adding every problem; a bad option is left out. */
    static AzureOptions parse(SourceConfig config, List<ConfigProblem> problems) {
        for (String key : config.options().keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new ConfigProblem(config.positionOf(key), "unknown option '" + key
                        + "' for an azure-monitor source; allowed: " + String.join(", ", KEYS)));
            }
        }
        String tenant = text(config, "tenant", problems);
        if (tenant != null && !GUID.matcher(tenant).matches() && !DOMAIN.matcher(tenant).matches()) {
            problems.add(new ConfigProblem(config.positionOf("tenant"), "option 'tenant' must be a tenant id (a GUID)"
                    + " or a domain such as contoso.onmicrosoft.com, got '" + tenant + "'"));
            tenant = null;
        }
        String clientId = text(config, "clientId", problems);
        if (clientId != null && !GUID.matcher(clientId).matches()) {
            problems.add(new ConfigProblem(config.positionOf("clientId"), "option 'clientId' must be the client id"
                    + " (a GUID) of a user-assigned managed identity, got '" + clientId + "'"));
            clientId = null;
        }
        return new AzureOptions(tenant, clientId);
    }

    private static String text(SourceConfig config, String key, List<ConfigProblem> problems) {
        Object v = config.options().get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        problems.add(new ConfigProblem(config.positionOf(key), "option '" + key + "' must be a non-empty text"));
        return null;
    }
}
