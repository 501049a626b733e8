package io.watchfloor.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The console's own probe of an endpoint ({@code probe:} under an endpoint).
 *
 * @param kind         what the probe does (see {@link Kind})
 * @param url          what to call: the endpoint's url for MODELS and COMPLETION (".../v1"), any URL for HTTP
 * @param expectStatus the HTTP status that counts as up (HTTP kind; default 200)
 * @param jsonPointer  optional RFC 6901 pointer into the JSON body that must exist (HTTP kind), e.g. "/status"
 * @param jsonEquals   optional text the value at jsonPointer must equal (numbers and booleans compare as text)
 * @param apiKeyEnv    environment variable holding the API key sent as a bearer token, null for none; the key
 *                     is read when the probe is built and never logged or stored
 * @param model        model name for COMPLETION (required there)
 * @param caFile       extra CA certificate (PEM) to trust, null for the system trust store
 */
public record ProbeConfig(Kind kind, URI url, Duration interval, Duration timeout, int expectStatus,
                          String jsonPointer, String jsonEquals, String apiKeyEnv, String model, Path caFile,
                          Position position) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public enum Kind {
        /** GET url, expect a status and optionally a JSON condition on the body. */
        HTTP("http"),
        /** GET {url}/models of an OpenAI-compatible server; up when it answers 200 with a model list. */
        MODELS("models"),
        /** POST {url}/completions with max_tokens 1; up when one token comes back. Costs one token per probe. */
        COMPLETION("completion");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
