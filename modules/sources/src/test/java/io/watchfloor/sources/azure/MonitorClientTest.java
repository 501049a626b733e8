package io.watchfloor.sources.azure;

import io.watchfloor.sources.HandClock;
import static io.watchfloor.sources.azure.AzureFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.sources.azure.MetricsAnswer.MetricData;
import io.watchfloor.sources.azure.MetricsAnswer.Point;
import io.watchfloor.sources.azure.MetricsAnswer.Series;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics call and its parser on the wire, against MockWebServer serving the real answers in
 * shared/fixtures/azure-monitor (REST-spec examples of Metrics - List 2023-10-01 and the 2024-02-01 batch API).
 */
class MonitorClientTest {
    private static final Instant START = Instant.parse("2021-04-20T09:00:00Z");
    private static final Instant END = Instant.parse("2021-04-20T14:00:00Z");
    private static final String STORAGE = "/subscriptions/1f3fa6d2-851c-4a91-9087-1a050f3a9c38/resourceGroups/todking"
            + "/providers/Microsoft.Storage/storageAccounts/tkfileserv/blobServices/default";

    private MockWebServer server;
    private MonitorClient client;
    private final HandClock clock = new HandClock(Instant.parse("2026-11-23T12:05:20Z"));

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        client = new MonitorClient(server.url("/"), Duration.ofSeconds(5), clock);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static MetricsQuery query(String resource, String filter, String... metrics) {
        return new MetricsQuery(resource, "Microsoft.Storage/storageAccounts/blobServices", List.of(metrics),
                Aggregation.AVERAGE, filter);
    }

    private MetricsAnswer fetch(MockResponse response, MetricsQuery q) throws Exception {
        server.enqueue(response);
        return client.fetch(q, START, END, "tok-wire").get();
    }

    private MonitorCallException failure(MockResponse response) {
        server.enqueue(response);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> client.fetch(query(STORAGE, null, "BlobCount"), START, END, "tok-wire").get());
        assertThat(t).isInstanceOf(ExecutionException.class).cause().isInstanceOf(MonitorCallException.class);
        return (MonitorCallException) t.getCause();
    }

    @Test
    void twoMetricsSplitByADimensionFromOneGet() throws Exception {
        MetricsAnswer a = fetch(json(200, AzureFixtures.shared("metrics-get-storage-blob-tiers-2metrics.json")),
                query(STORAGE, "tier eq '*'", "BlobCount", "BlobCapacity"));

        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("GET");
        assertThat(req.getUrl().encodedPath()).isEqualTo(STORAGE + "/providers/Microsoft.Insights/metrics");
        assertThat(req.getUrl().queryParameter("metricnames")).isEqualTo("BlobCount,BlobCapacity");
        assertThat(req.getUrl().queryParameter("$filter")).isEqualTo("tier eq '*'");
        assertThat(req.getUrl().queryParameter("top")).isEqualTo("500");
        assertThat(req.getUrl().queryParameter("timespan")).isEqualTo("2021-04-20T09:00:00Z/2021-04-20T14:00:00Z");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer tok-wire");

        assertThat(a.timespan()).isEqualTo("2021-04-20T09:00:00Z/2021-04-20T14:00:00Z");
        assertThat(a.interval()).isEqualTo("PT1H");
        assertThat(a.metrics()).extracting(MetricData::name).containsExactly("BlobCount", "BlobCapacity");
        MetricData count = a.metric("blobcount");
        assertThat(count.unit()).isEqualTo("Count");
        assertThat(count.failed()).isFalse();
        assertThat(count.series()).extracting(s -> s.dimension("Tier"))
                .containsExactly("Hot", "Standard", "Cool", "Archive", "Untiered");
        Series hot = count.series().getFirst();
        assertThat(hot.points()).hasSize(5);
        assertThat(hot.points().getFirst()).isEqualTo(
                new Point(Instant.parse("2021-04-20T09:00:00Z"), null, 7.0, null, 7.0, 7.0));
        assertThat(a.metric("BlobCapacity").series().getFirst().points().getLast().average()).isEqualTo(621492.0);
    }

    @Test
    void sparseDataPointsCarryOnlyATimeStamp() throws Exception {
        // metrics:getBatch (data plane, 2024-02-01): {"values": [{resourceid, starttime, endtime, value: [...]}]}
        MetricsAnswer a = fetch(json(200,
                AzureFixtures.shared("metrics-dataplane-getbatch-storage-sparse-datapoints-trimmed.json")),
                query(STORAGE, "ApiName eq '*'", "Ingress"));

        assertThat(a.resourceId()).endsWith("/storageAccounts/TestStorage1");
        assertThat(a.timespan()).isEqualTo("2023-02-01T20:00:00.123Z/2023-02-01T23:00:00.345Z");
        assertThat(a.metrics()).extracting(MetricData::name).containsExactly("Ingress", "Egress");
        Series quiet = a.metric("Ingress").series().get(1);
        // Azure answered "apiname"/"authentication" for the dimensions ApiName/Authentication
        assertThat(quiet.dimension("ApiName")).isEqualTo("GetBlobServiceProperties");
        assertThat(quiet.dimension("Authentication")).isEqualTo("AccountKey");
        assertThat(quiet.points()).hasSize(12);
        List<Point> withData = quiet.points().stream().filter(Point::hasData).toList();
        assertThat(withData).singleElement().satisfies(p -> {
            assertThat(p.at()).isEqualTo(Instant.parse("2023-02-01T22:00:00Z"));
            assertThat(p.average()).isEqualTo(342.0);
            assertThat(p.total()).isNull();
        });
        assertThat(quiet.points().getFirst().value(Aggregation.AVERAGE)).isNull();
    }

    @Test
    void oneMetricCanFailInsideASuccessfulAnswer() throws Exception {
        MetricsAnswer a = fetch(json(200, AzureFixtures.shared("metrics-get-cosmos-partial-error-InvalidSamplingType.json")),
                query(STORAGE, null, "MongoRequestsCount", "MongoRequests"));

        MetricData failed = a.metric("MongoRequestsCount");
        assertThat(failed.failed()).isTrue();
        assertThat(failed.errorCode()).isEqualTo("InvalidSamplingType");
        assertThat(failed.errorMessage()).startsWith("Sampling type is not found.");
        assertThat(failed.series()).isEmpty();
        MetricData ok = a.metric("MongoRequests");
        assertThat(ok.failed()).isFalse();
        assertThat(ok.series()).singleElement().satisfies(s -> {
            assertThat(s.dimensions()).isEmpty();
            assertThat(s.points()).singleElement().extracting(Point::average).isEqualTo(0.0);
        });
    }

    @Test
    void countAggregationSplitAcrossResources() throws Exception {
        MetricsAnswer a = fetch(json(200, AzureFixtures.shared("metrics-batch-subscription-multiresource-5vms-count.json")),
                query(STORAGE, "Microsoft.ResourceId eq '*'", "Data Disk Max Burst IOPS"));

        MetricData m = a.metric("Data Disk Max Burst IOPS");
        assertThat(m.series()).hasSize(5);
        assertThat(m.series()).allSatisfy(s -> assertThat(s.dimension("microsoft.resourceid"))
                .startsWith("/subscriptions/92d2a2d8-b514-432d-8cc9-a5f9272630d5/resourceGroups/sas"));
        Point burst = m.series().getFirst().points().get(7);
        assertThat(burst.count()).isEqualTo(413.0);
        assertThat(burst.value(Aggregation.TOTAL)).isNull();
        assertThat(burst.hasData()).isTrue();
    }

    @Test
    void badRequestIsAQueryErrorWithTheServiceMessage() {
        MonitorCallException e = failure(json(400, AzureFixtures.shared("metrics-error-BadRequest.json")));

        assertThat(e.kind()).isEqualTo(Kind.QUERY);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.resourceScoped()).isTrue();
        assertThat(e.getMessage()).isEqualTo("Azure Monitor rejected the metrics query for blobServices/default"
                + " (HTTP 400, BadRequest: Missing required region params)");
    }

    @Test
    void anHtmlPageOrABrokenBodyIsMalformed() {
        MonitorCallException html = failure(new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "text/html").body("<html><body><h1>Sign in</h1></body></html>").build());
        assertThat(html.kind()).isEqualTo(Kind.MALFORMED);
        assertThat(html.getMessage()).contains("HTML page").contains("Sign in");

        String whole = AzureFixtures.shared("metrics-get-storage-blob-tiers-2metrics.json");
        MonitorCallException cut = failure(json(200, whole.substring(0, whole.length() / 2)));
        assertThat(cut.kind()).isEqualTo(Kind.MALFORMED);

        MonitorCallException other = failure(json(200, "{\"status\":\"success\",\"data\":{}}"));
        assertThat(other.kind()).isEqualTo(Kind.MALFORMED);
        assertThat(other.getMessage()).contains("not an Azure Monitor metrics answer");
    }

    @Test
    void anErrorPageWithoutArmBodyIsShownAsText() {
        MonitorCallException e = failure(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                .body("<html><head><style>h1{}</style></head><body><h1>502 Bad Gateway</h1></body></html>").build());
        assertThat(e.kind()).isEqualTo(Kind.HTTP);
        assertThat(e.getMessage()).isEqualTo("Azure Monitor answered HTTP 502 for blobServices/default: 502 Bad Gateway");
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-23T12:05:20Z");
        assertThat(MonitorClient.retryAt("17", now)).isEqualTo(Instant.parse("2026-11-23T12:05:37Z"));
        assertThat(MonitorClient.retryAt("Mon, 23 Nov 2026 12:07:00 GMT", now))
                .isEqualTo(Instant.parse("2026-11-23T12:07:00Z"));
        assertThat(MonitorClient.retryAt(null, now)).isEqualTo(now.plusSeconds(60));
        assertThat(MonitorClient.retryAt("soon", now)).isEqualTo(now.plusSeconds(60));
    }

    @Test
    void aClosedPortIsUnreachableAndConcernsEveryCall() throws Exception {
        var url = server.url("/");
        server.close();
        try (MonitorClient closed = new MonitorClient(url, Duration.ofSeconds(2), clock)) {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                    () -> closed.fetch(query(STORAGE, null, "BlobCount"), START, END, "tok").get());
            MonitorCallException e = (MonitorCallException) t.getCause();
            assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
            assertThat(e.resourceScoped()).isFalse();
            assertThat(e.getMessage()).doesNotContain("tok");
        }
    }

    @Test
    void aQueryNamesOneToTwentyMetrics() {
        assertThatThrownBy(() -> query(STORAGE, null)).isInstanceOf(IllegalArgumentException.class);
        String[] many = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "M" + i).toArray(String[]::new);
        assertThatThrownBy(() -> query(STORAGE, null, many)).isInstanceOf(IllegalArgumentException.class);
    }
}
