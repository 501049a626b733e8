package io.watchfloor.sources.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The error body of Azure Resource Manager and Azure Monitor: {@code {"error": {"code": ..., "message": ...}}}
 * (ErrorResponse in the REST specs; the shared fixture metrics-error-BadRequest.json is one).
 */
record ArmError(String code, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The error in a body, or null when the body is not one (an HTML page from a proxy, empty, ...). */
    static ArmError parse(String body) {
        if (body == null || !body.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (!error.isObject()) {
                return null;
            }
            String code = error.path("code").asText(null);
            String message = error.path("message").asText(null);
            return code == null && message == null ? null : new ArmError(code, message);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** "code: message", or whichever of the two is present. */
    String describe() {
        if (code == null) {
            return message;
        }
        return message == null ? code : code + ": " + message;
    }
}
