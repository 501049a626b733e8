package io.watchfloor.sources.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A CloudWatch GetMetricData endpoint for MockWebServer: it holds datapoints per (namespace, metric, dimensions,
 * statistic) and answers each request from the queries the request really contains, in the shape AWS documents
 * (MetricDataResults with Id, Label, Timestamps, Values, StatusCode; NextToken; Messages), encoded by
 * {@link CborWire}. With a page size it paginates as CloudWatch does: datapoints beyond the page are left for the
 * NextToken call and their result is marked PartialData.
 */
final class FakeCloudWatch extends Dispatcher {
    record Key(String namespace, String metricName, Map<String, String> dimensions, String stat) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    // sorted and thread-safe: tests fill it, MockWebServer's threads read it
    private final Map<Key, NavigableMap<Instant, Double>> world = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<MockResponse> scripted = new ConcurrentLinkedDeque<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile int pageSize = Integer.MAX_VALUE;

    /** Stores one datapoint (CloudWatch stamps it with the start of its period). */
    FakeCloudWatch put(String namespace, String metricName, Map<String, String> dimensions, String stat, Instant at,
                       double value) {
        world.computeIfAbsent(new Key(namespace, metricName, Map.copyOf(dimensions), stat),
                k -> new ConcurrentSkipListMap<>()).put(at, value);
        return this;
    }

    /** These answers go out first, one per request, before the world is asked. */
    FakeCloudWatch then(MockResponse... responses) {
        scripted.addAll(List.of(responses));
        return this;
    }

    /** At most this many datapoints per answer; the rest follows through NextToken. */
    FakeCloudWatch pageSize(int datapoints) {
        this.pageSize = datapoints;
        return this;
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The decoded CBOR body of the n-th request. */
    JsonNode body(int n) {
        return CborWire.decode(requests.get(n).getBody().toByteArray());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        MockResponse next = scripted.poll();
        if (next != null) {
            return next;
        }
        if (!CborWire.OPERATION_PATH.equals(request.getUrl().encodedPath())) {
            return CborWire.error(404, "UnknownOperationException", null, "not GetMetricData");
        }
        return CborWire.ok(CborWire.encode(answer(CborWire.decode(request.getBody().toByteArray()))));
    }

    private record Point(int query, Instant at, double value) {
    }

    private ObjectNode answer(JsonNode body) {
        Instant start = Instant.ofEpochSecond(body.get("StartTime").asLong());
        Instant end = Instant.ofEpochSecond(body.get("EndTime").asLong());
        boolean descending = !"TimestampAscending".equals(body.path("ScanBy").asText("TimestampDescending"));
        JsonNode queries = body.get("MetricDataQueries");
        List<Point> all = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            NavigableMap<Instant, Double> points = world.getOrDefault(key(queries.get(i)), new TreeMap<>())
                    .subMap(start, true, end, false);
            NavigableMap<Instant, Double> ordered = descending ? points.descendingMap() : points;
            for (Map.Entry<Instant, Double> p : ordered.entrySet()) {
                all.add(new Point(i, p.getKey(), p.getValue()));
            }
        }
        int from = body.hasNonNull("NextToken") ? Integer.parseInt(body.get("NextToken").asText().substring(5)) : 0;
        int to = (int) Math.min(all.size(), (long) from + pageSize);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("MetricDataResults");
        for (int i = 0; i < queries.size(); i++) {
            final int q = i;
            List<Point> page = all.subList(from, to).stream().filter(p -> p.query() == q).toList();
            boolean any = all.stream().anyMatch(p -> p.query() == q);
            boolean more = all.subList(to, all.size()).stream().anyMatch(p -> p.query() == q);
            if (page.isEmpty() && (any || from > 0)) {
                continue;
            }
            ObjectNode r = results.addObject();
            r.put("Id", queries.get(i).get("Id").asText());
            r.put("Label", queries.get(i).path("Label").asText(queries.get(i).get("Id").asText()));
            ArrayNode ts = r.putArray("Timestamps");
            ArrayNode vs = r.putArray("Values");
            page.forEach(p -> {
                ts.add(p.at().toString());
                vs.add(p.value());
            });
            r.put("StatusCode", more ? "PartialData" : "Complete");
        }
        if (to < all.size()) {
            out.put("NextToken", "page:" + to);
        }
        out.putArray("Messages");
        return out;
    }

    private static Key key(JsonNode query) {
        JsonNode stat = query.get("MetricStat");
        JsonNode metric = stat.get("Metric");
        Map<String, String> dims = new TreeMap<>();
        for (JsonNode d : metric.path("Dimensions")) {
            dims.put(d.get("Name").asText(), d.get("Value").asText());
        }
        return new Key(metric.get("Namespace").asText(), metric.get("MetricName").asText(),
                Collections.unmodifiableMap(dims), stat.get("Stat").asText());
    }
}
