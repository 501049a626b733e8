package io.watchfloor.sources.prometheus;

import io.watchfloor.config.Auth;
import io.watchfloor.config.SourceConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach one Prometheus-compatible server.
 *
 * @param baseUrl  server root including any path prefix ({@code https://host/prometheus}); the API
 *                 paths are appended to it
 * @param timeout  limit for one whole request (connect, wait, read the body)
 * @param headers  extra headers sent with every request, e.g. {@code X-Scope-OrgID} for Mimir/Cortex tenants
 * @param caFile   PEM file with extra CA certificates trusted beside the system ones, or null.
 *                 TLS is always verified: there is deliberately no switch to turn it off.
 */
public record HttpSettings(URI baseUrl, Duration timeout, Auth auth, Map<String, String> headers, Path caFile) {

    public HttpSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        timeout = timeout == null ? SourceConfig.DEFAULT_TIMEOUT : timeout;
        auth = auth == null ? Auth.NONE : auth;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static HttpSettings of(URI baseUrl) {
        return new HttpSettings(baseUrl, null, Auth.NONE, Map.of(), null);
    }

    public static HttpSettings from(SourceConfig config) {
        return new HttpSettings(config.url(), config.timeout(), config.auth(), config.headers(), config.caFile());
    }

    public HttpSettings withTimeout(Duration newTimeout) {
        return new HttpSettings(baseUrl, newTimeout, auth, headers, caFile);
    }

    public HttpSettings withAuth(Auth newAuth) {
        return new HttpSettings(baseUrl, timeout, newAuth, headers, caFile);
    }

    public HttpSettings withHeaders(Map<String, String> newHeaders) {
        return new HttpSettings(baseUrl, timeout, auth, newHeaders, caFile);
    }

    public HttpSettings withCaFile(Path newCaFile) {
        return new HttpSettings(baseUrl, timeout, auth, headers, newCaFile);
    }
}
