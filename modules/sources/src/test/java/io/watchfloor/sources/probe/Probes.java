package io.watchfloor.sources.probe;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.ProbeConfig;
import io.watchfloor.config.ProbeConfig.Kind;
import io.watchfloor.config.Provider;
import io.watchfloor.config.SlaConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;

/** Probe configurations for tests, as the YAML reader would produce them. */
record Probes(Kind kind, URI url, Duration interval, Duration timeout, int expectStatus, String jsonPointer,
              String jsonEquals, String apiKeyEnv, String model, Path caFile) {

    static Probes of(Kind kind, HttpUrl url) {
        return new Probes(kind, url.uri(), Duration.ofSeconds(10), Duration.ofSeconds(5), 200, null, null, null,
                null, null);
    }

    static Probes of(Kind kind, String url) {
        return of(kind, HttpUrl.get(url));
    }

    Probes timeout(Duration t) {
        return new Probes(kind, url, interval, t, expectStatus, jsonPointer, jsonEquals, apiKeyEnv, model, caFile);
    }

    Probes interval(Duration i) {
        return new Probes(kind, url, i, timeout, expectStatus, jsonPointer, jsonEquals, apiKeyEnv, model, caFile);
    }

    Probes expectStatus(int s) {
        return new Probes(kind, url, interval, timeout, s, jsonPointer, jsonEquals, apiKeyEnv, model, caFile);
    }

    Probes json(String pointer, String equals) {
        return new Probes(kind, url, interval, timeout, expectStatus, pointer, equals, apiKeyEnv, model, caFile);
    }

    Probes apiKeyEnv(String env) {
        return new Probes(kind, url, interval, timeout, expectStatus, jsonPointer, jsonEquals, env, model, caFile);
    }

    Probes model(String m) {
        return new Probes(kind, url, interval, timeout, expectStatus, jsonPointer, jsonEquals, apiKeyEnv, m, caFile);
    }

    Probes caFile(Path p) {
        return new Probes(kind, url, interval, timeout, expectStatus, jsonPointer, jsonEquals, apiKeyEnv, model, p);
    }

    ProbeConfig config() {
        return new ProbeConfig(kind, url, interval, timeout, expectStatus, jsonPointer, jsonEquals, apiKeyEnv, model,
                caFile, null);
    }

    EndpointConfig endpoint(String id) {
        return new EndpointConfig(id, null, Provider.OPENAI_COMPATIBLE, url, null, Map.of(), config(),
                SlaConfig.DEFAULTS, null, null);
    }
}
