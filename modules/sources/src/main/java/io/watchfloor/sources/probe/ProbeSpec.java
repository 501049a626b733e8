package io.watchfloor.sources.probe;

import com.fasterxml.jackson.core.JsonPointer;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.ProbeConfig;
import io.watchfloor.config.ProbeConfig.Kind;
import io.watchfloor.config.Provider;
import io.watchfloor.model.SourceException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.HttpUrl;

/**
 * One endpoint's probe with its defaults applied and its URL resolved: what {@link ProbeRunner} needs. Built once
 * when the probe is created; a problem here is the console's configuration, not the endpoint.
 *
 * @param target      the exact URL called: url for HTTP, {url}/models for MODELS, {url}/completions for COMPLETION
 * @param pointer     JSON condition (HTTP kind), null for none
 * @param jsonEquals  text the value at pointer must equal, null when it only has to exist
 */
record ProbeSpec(String endpointId, Kind kind, HttpUrl target, Duration interval, Duration timeout,
                 int expectStatus, JsonPointer pointer, String jsonEquals, String model, String apiKeyEnv,
                 Path caFile) {

    static ProbeSpec of(EndpointConfig endpoint) throws SourceException {
        ProbeConfig p = endpoint.probe();
        Kind kind = p.kind() != null ? p.kind()
                : endpoint.provider() == Provider.OPENAI_COMPATIBLE ? Kind.MODELS : Kind.HTTP;
        URI url = p.url() != null ? p.url() : endpoint.url();
        if (url == null) {
            throw configProblem("the probe has no url (set probe.url or the endpoint's url)");
        }
        HttpUrl base = HttpUrl.parse(url.toString());
        if (base == null) {
            throw configProblem("the probe url is not an http(s) URL");
        }
        // credentials never ride in the URL (OkHttp would not send them anyway; they must not reach a message)
        base = base.newBuilder().username("").password("").fragment(null).build();
        HttpUrl target = switch (kind) {
            case HTTP -> base;
            // addPathSegments replaces an empty last segment, so ".../v1" and ".../v1/" both give ".../v1/models"
            case MODELS -> base.newBuilder().addPathSegments("models").build();
            case COMPLETION -> base.newBuilder().addPathSegments("completions").build();
        };
        if (kind == Kind.COMPLETION && (p.model() == null || p.model().isBlank())) {
            throw configProblem("a completion probe needs probe.model");
        }
        JsonPointer pointer = null;
        if (p.jsonPointer() != null) {
            try {
                pointer = JsonPointer.compile(p.jsonPointer());
            } catch (IllegalArgumentException e) {
                throw configProblem("probe.jsonPointer '" + p.jsonPointer()
                        + "' is not an RFC 6901 pointer (it must start with '/')");
            }
        } else if (p.jsonEquals() != null) {
            throw configProblem("probe.jsonEquals needs probe.jsonPointer to say which value to compare");
        }
        Duration interval = positiveOr(p.interval(), ProbeConfig.DEFAULT_INTERVAL);
        Duration timeout = positiveOr(p.timeout(), ProbeConfig.DEFAULT_TIMEOUT);
        int expect = p.expectStatus() > 0 ? p.expectStatus() : 200;
        String apiKeyEnv = p.apiKeyEnv() == null || p.apiKeyEnv().isBlank() ? null : p.apiKeyEnv();
        return new ProbeSpec(endpoint.id(), kind, target, interval, timeout, expect, pointer, p.jsonEquals(),
                p.model(), apiKeyEnv, p.caFile());
    }

    /** The target host as written in the URL (what the network tracker and the loopback rule look at). */
    String host() {
        return target.host();
    }

    private static Duration positiveOr(Duration d, Duration fallback) {
        return d == null || !d.isPositive() ? fallback : d;
    }

    /**
     * Console-side configuration problems use {@link SourceException.Kind#QUERY} ("what we asked for is wrong"),
     * so the probe's source shows DOWN with the message while the endpoint itself is not judged.
     */
    static SourceException configProblem(String message) {
        return new SourceException(SourceException.Kind.QUERY, message);
    }
}
