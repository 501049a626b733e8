package io.watchfloor.sources.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import mockwebserver3.MockResponse;

/**
 * The real Alertmanager answers in ../shared/fixtures/alertmanager (located through the {@code watchfloor.shared.dir}
 * system property that surefire sets), as the prometheus tests read theirs. See that folder's README for how each
 * was captured: Alertmanager 0.25.0 fed by a real Prometheus (am0.25-*), and 0.31.0 as recorded by karma.
 */
final class Captures {
    static final String ACTIVE_ONLY = "am0.25-api-v2-alerts-active-only.json";
    static final String ACTIVE_SILENCED_INHIBITED = "am0.25-api-v2-alerts-active-silenced-inhibited.json";
    static final String BAD_FILTER_400 = "am0.25-api-v2-alerts-error-bad-filter-400.json";
    static final String STATUS = "am0.25-api-v2-status.json";
    static final String GROUPS_031 = "api-v2-alerts-groups-am0.31.0-karma-mock.json";

    /** In the 0.25 captures: after every startsAt and updatedAt, before every endsAt (the earliest is 06:40:57.669). */
    static final Instant CAPTURED = Instant.parse("2026-11-23T06:38:00Z");

    private Captures() {
    }

    static String read(String file) {
        String dir = System.getProperty("watchfloor.shared.dir");
        if (dir == null) {
            throw new IllegalStateException("system property watchfloor.shared.dir is not set (surefire sets it)");
        }
        Path p = Path.of(dir, "fixtures", "alertmanager", file);
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing fixture " + p, e);
        }
    }

    /** A test resource of the prometheus tests (the test CA and server key), shared rather than copied. */
    static Path prometheusResource(String name) {
        try {
            return Path.of(Captures.class.getResource("/prometheus/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource /prometheus/" + name, e);
        }
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse answer(String file) {
        return json(200, read(file));
    }

    /**
     * The alerts of the 0.31 /api/v2/alerts/groups capture as one /api/v2/alerts list (the same GettableAlert
     * objects; an alert routed to two receivers appears in two groups, /api/v2/alerts lists it once).
     */
    static String alertsOf031Groups() {
        try {
            ObjectMapper json = new ObjectMapper();
            ArrayNode alerts = json.createArrayNode();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (JsonNode group : json.readTree(read(GROUPS_031))) {
                for (JsonNode alert : group.get("alerts")) {
                    if (seen.add(alert.get("fingerprint").asText())) {
                        alerts.add(alert);
                    }
                }
            }
            return json.writeValueAsString(alerts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
