package io.watchfloor.sources.azure;

import io.watchfloor.config.Provider;
import java.util.regex.Pattern;

/** Azure Resource Manager ids of the resources an azure-monitor source reads, checked before any call. */
final class ResourceIds {
    private static final String PREFIX = "^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/";
    private static final Pattern OPENAI_ACCOUNT =
            Pattern.compile(PREFIX + "Microsoft\\.CognitiveServices/accounts/[^/]+/?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ML_ONLINE_ENDPOINT = Pattern.compile(
            PREFIX + "Microsoft\\.MachineLearningServices/workspaces/[^/]+/onlineEndpoints/[^/]+/?$",
            Pattern.CASE_INSENSITIVE);

    private ResourceIds() {
    }

    /** What is wrong with an endpoint's resource id for its provider, or null when it is usable. */
    static String problem(Provider provider, String resourceId) {
        String example = switch (provider) {
            case AZURE_OPENAI -> "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.CognitiveServices"
                    + "/accounts/<account>";
            case AZURE_ML -> "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.MachineLearningServices"
                    + "/workspaces/<workspace>/onlineEndpoints/<endpoint>";
            default -> null;
        };
        if (example == null) {
            return "provider " + provider.wireName() + " is not read by an azure-monitor source"
                    + " (it reads azure-openai and azure-ml endpoints)";
        }
        Pattern shape = provider == Provider.AZURE_OPENAI ? OPENAI_ACCOUNT : ML_ONLINE_ENDPOINT;
        if (resourceId == null || !shape.matcher(resourceId.strip()).matches()) {
            return "resource must be the Azure Resource Manager id " + example + ", got '" + resourceId + "'";
        }
        return null;
    }

    /** The id without a trailing slash and surrounding blanks, so equal resources group together. */
    static String normalise(String resourceId) {
        String s = resourceId.strip();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** "accounts/aoai-prod", "onlineEndpoints/llama": enough to tell resources apart in a message. */
    static String shortName(String resourceId) {
        String s = normalise(resourceId);
        int last = s.lastIndexOf('/');
        int before = last > 0 ? s.lastIndexOf('/', last - 1) : -1;
        return before >= 0 ? s.substring(before + 1) : s;
    }
}
