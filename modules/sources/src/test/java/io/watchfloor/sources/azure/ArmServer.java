package io.watchfloor.sources.azure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A stand-in for Resource Manager: the calls of one poll go out at once, in no fixed order, so answers are chosen
 * by resource and metric names rather than queued. Records every request.
 */
final class ArmServer extends Dispatcher {
    private final Map<String, Supplier<MockResponse>> answers = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    /** Answer calls for these metric names (as in metricnames=) on the resource with this ARM id. */
    ArmServer on(String resource, String metricNames, Supplier<MockResponse> answer) {
        answers.put(key(resource + "/providers/Microsoft.Insights/metrics", metricNames), answer);
        return this;
    }

    /** Answer a resource's calls for these metrics with a body from the test resources. */
    ArmServer on(String resource, String metricNames, String resourceFile) {
        return on(resource, metricNames, () -> AzureFixtures.json(200, AzureFixtures.resource(resourceFile)));
    }

    /** Like {@link #on(String, String, String)}, only for calls with this $filter ("" for none). */
    ArmServer on(String resource, String metricNames, String filter, String resourceFile) {
        answers.put(key(resource + "/providers/Microsoft.Insights/metrics", metricNames) + "&" + filter,
                () -> AzureFixtures.json(200, AzureFixtures.resource(resourceFile)));
        return this;
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The recorded calls for these metrics, in the order they came. */
    List<RecordedRequest> requestsFor(String metricNames) {
        return requests.stream().filter(r -> metricNames.equals(r.getUrl().queryParameter("metricnames"))).toList();
    }

    void clearRequests() {
        requests.clear();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String key = key(request.getUrl().encodedPath(), request.getUrl().queryParameter("metricnames"));
        String filter = request.getUrl().queryParameter("$filter");
        Supplier<MockResponse> answer = answers.getOrDefault(key + "&" + (filter == null ? "" : filter), answers.get(key));
        return answer != null ? answer.get() : AzureFixtures.json(404,
                "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"no test answer for this call\"}}");
    }

    private static String key(String path, String metricNames) {
        return path + "?" + metricNames;
    }
}
