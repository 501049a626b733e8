package io.watchfloor.sources.prometheus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Serves the real Prometheus answers of resources/prometheus/endpoints by exact query (see its README). A query
 * with no captured answer gets a 404 and is remembered, so a test can show which query changed.
 */
final class CapturedAnswers extends Dispatcher {
    private record Answer(int status, String body) {
    }

    private final Map<String, Answer> byQuery = new LinkedHashMap<>();
    final Queue<String> asked = new ConcurrentLinkedQueue<>();
    final Queue<String> unknown = new ConcurrentLinkedQueue<>();

    CapturedAnswers() {
        for (String line : Fixtures.resource("endpoints/queries.tsv").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", 3);
            byQuery.put(f[2], new Answer(Integer.parseInt(f[1]), Fixtures.resource("endpoints/" + f[0])));
        }
    }

    /** Every query that has a captured answer, in capture order. */
    List<String> capturedQueries() {
        return List.copyOf(byQuery.keySet());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String query = request.getUrl().queryParameter("query");
        asked.add(query);
        Answer a = byQuery.get(query);
        if (a == null) {
            unknown.add(query);
            return new MockResponse.Builder().code(404).body("no captured answer for this query").build();
        }
        return PrometheusClientTest.json(a.status(), a.body());
    }
}
