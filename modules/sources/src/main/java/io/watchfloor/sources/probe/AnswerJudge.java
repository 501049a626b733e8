package io.watchfloor.sources.probe;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.config.ProbeConfig.Kind;
import java.io.IOException;
import java.util.Locale;

/**
 * Decides whether an HTTP answer means "up" for a probe's kind, and says why in a few words. Pure: no I/O, so
 * every rule is testable on its own; the wire tests cover the same rules end to end.
 */
final class AnswerJudge {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SHOWN = 80;

    /** @param text the outcome ("200 OK · 3 models", "HTTP 503 Service Unavailable") */
    record Verdict(boolean up, String text) {
    }

    private AnswerJudge() {
    }

    /**
     * @param body        the whole body, or null when it was larger than the probe reads
     * @param contentType the Content-Type header, null when absent
     * @param keySent     whether an API key went with the request (a 401 then means the key was rejected)
     */
    static Verdict judge(ProbeSpec spec, int code, String contentType, byte[] body, boolean keySent) {
        int expected = spec.kind() == Kind.HTTP ? spec.expectStatus() : 200;
        String status = HttpReasons.status(code);
        if (code != expected) {
            if (code == 401 || code == 403) {
                return down(keySent ? "HTTP " + code + ": API key rejected"
                        : "HTTP " + status + " (the probe sends no API key: set probe.apiKeyEnv)");
            }
            String wanted = expected != 200 ? " (expected " + expected + ")" : "";
            return down("HTTP " + status + wanted + errorDetail(body));
        }
        return switch (spec.kind()) {
            case HTTP -> jsonCondition(spec, status, contentType, body);
            case MODELS -> models(status, contentType, body);
            case COMPLETION -> completion(spec, status, contentType, body);
        };
    }

    private static Verdict jsonCondition(ProbeSpec spec, String status, String contentType, byte[] body) {
        JsonPointer pointer = spec.pointer();
        if (pointer == null) {
            return up(status);
        }
        JsonNode root = parse(body);
        if (root == null) {
            return down(status + " but " + notJson(body, contentType) + ", so " + pointer + " cannot be checked");
        }
        JsonNode value = root.at(pointer);
        if (value.isMissingNode()) {
            return down("JSON " + pointer + " is missing");
        }
        if (spec.jsonEquals() != null && !text(value).equals(spec.jsonEquals())) {
            return down("JSON " + pointer + " is " + show(value) + ", expected \"" + abbreviate(spec.jsonEquals()) + "\"");
        }
        return up(status);
    }

    private static Verdict models(String status, String contentType, byte[] body) {
        JsonNode root = parse(body);
        if (root == null) {
            return down(status + " but " + notJson(body, contentType));
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            return down(status + " but no model list (no \"data\" array)");
        }
        int n = data.size();
        return up(status + " · " + n + (n == 1 ? " model" : " models"));
    }

    private static Verdict completion(ProbeSpec spec, String status, String contentType, byte[] body) {
        JsonNode root = parse(body);
        if (root == null) {
            return down(status + " but " + notJson(body, contentType));
        }
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            return down(status + " but no completion (no choices)");
        }
        return up(status + " · " + abbreviate(spec.model()) + " answered");
    }

    /** The JSON document, or null when the body is absent, too large or not JSON. */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(body);
            return root == null || root.isMissingNode() ? null : root;
        } catch (IOException e) {
            return null;
        }
    }

    private static String notJson(byte[] body, String contentType) {
        if (body == null) {
            return "the answer is larger than " + (ProbeRunner.MAX_BODY / (1024 * 1024)) + " MiB";
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
            // typically the login page of an auth proxy in front of the endpoint
            return "an HTML page came back, not JSON";
        }
        return "the answer is not JSON";
    }

    /**
     * ": the server's error message" from an OpenAI-style error body ({"error":{"message":...}}, vLLM's
     * {"message":...}, TGI's {"error":"..."}, FastAPI's {"detail":"..."}); empty when there is none. Never echoes
     * an HTML page.
     */
    static String errorDetail(byte[] body) {
        JsonNode root = parse(body);
        if (root == null) {
            return "";
        }
        for (JsonNode candidate : new JsonNode[] {
                root.path("error").path("message"), root.path("error"), root.path("message"), root.path("detail")}) {
            if (candidate.isTextual() && !candidate.asText().isBlank()) {
                return ": " + abbreviate(candidate.asText().strip().replaceAll("\\s+", " "));
            }
        }
        return "";
    }

    /** The value as jsonEquals compares it: a scalar's text ("ok", "3", "true"), else compact JSON. */
    private static String text(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static String show(JsonNode v) {
        return v.isTextual() ? "\"" + abbreviate(v.asText()) + "\"" : abbreviate(v.toString());
    }

    private static String abbreviate(String s) {
        return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "…" : s;
    }

    private static Verdict up(String text) {
        return new Verdict(true, text);
    }

    private static Verdict down(String text) {
        return new Verdict(false, text);
    }
}
