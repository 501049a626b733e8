package io.watchfloor.sources.cloudwatch;

import static io.watchfloor.sources.cloudwatch.CloudWatchConfigs.ACCESS_KEY_ID;
import static io.watchfloor.sources.cloudwatch.CloudWatchConfigs.LATEST;
import static io.watchfloor.sources.cloudwatch.CloudWatchConfigs.SECRET_KEY;
import static io.watchfloor.sources.cloudwatch.CloudWatchConfigs.TEST_KEYS;
import static io.watchfloor.sources.cloudwatch.CloudWatchConfigs.bedrock;
import static io.watchfloor.sources.cloudwatch.CloudWatchConfigs.sagemaker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.Thresholds;
import io.watchfloor.sources.SourceContext;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The real AWS SDK client, pointed at MockWebServer through endpointUrl, speaking Smithy RPC v2 CBOR with
 * {@link FakeCloudWatch}: what the source asks for, and what it makes of AWS's answers.
 */
class CloudWatchSourceWireTest {
    static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
    static final Map<String, String> HAIKU_DIMS = Map.of("ModelId", HAIKU);
    static final Map<String, String> LLAMA_DIMS = Map.of("EndpointName", "llama3-8b-prod", "VariantName", "AllTraffic");
    static final Instant EARLIER = LATEST.minusSeconds(60);

    private MockWebServer server;
    private final FakeCloudWatch cloudWatch = new FakeCloudWatch();
    private final List<CloudWatchSource> sources = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(cloudWatch);
        server.start();
    }

    @AfterEach
    void stop() {
        sources.forEach(CloudWatchSource::close);
        server.close();
    }

    private CloudWatchSource source(List<EndpointConfig> endpoints) {
        return source(endpoints, TEST_KEYS, Duration.ofSeconds(10));
    }

    private CloudWatchSource source(List<EndpointConfig> endpoints, AwsCredentialsProvider keys, Duration timeout) {
        var config = CloudWatchConfigs.source(CloudWatchConfigs.options("us-east-1", server.url("/").toString()),
                timeout);
        var context = new SourceContext(CloudWatchConfigs.CLOCK, Thresholds.DEFAULTS, endpoints);
        CloudWatchSource s = new CloudWatchSourceProvider().create(config, context, keys, false);
        sources.add(s);
        return s;
    }

    /** A Bedrock model with traffic in two minutes; the older minute had an error burst that must not count now. */
    private void haikuTraffic() {
        String ns = "AWS/Bedrock";
        cloudWatch.put(ns, "Invocations", HAIKU_DIMS, "Sum", EARLIER, 100)
                .put(ns, "InvocationClientErrors", HAIKU_DIMS, "Sum", EARLIER, 40)
                .put(ns, "Invocations", HAIKU_DIMS, "Sum", LATEST, 120)
                .put(ns, "InvocationClientErrors", HAIKU_DIMS, "Sum", LATEST, 3)
                .put(ns, "InvocationServerErrors", HAIKU_DIMS, "Sum", LATEST, 1)
                .put(ns, "InvocationThrottles", HAIKU_DIMS, "Sum", LATEST, 8)
                .put(ns, "InvocationLatency", HAIKU_DIMS, "p50", LATEST, 850)
                .put(ns, "InvocationLatency", HAIKU_DIMS, "p95", LATEST, 2300)
                .put(ns, "InvocationLatency", HAIKU_DIMS, "Average", LATEST, 1010)
                .put(ns, "InputTokenCount", HAIKU_DIMS, "Sum", LATEST, 54000)
                .put(ns, "OutputTokenCount", HAIKU_DIMS, "Sum", LATEST, 12000);
    }

    /** A SageMaker endpoint; SageMaker publishes its latencies in microseconds. */
    private void llamaTraffic() {
        String ns = "AWS/SageMaker";
        cloudWatch.put(ns, "Invocations", LLAMA_DIMS, "Sum", LATEST, 600)
                .put(ns, "Invocation4XXErrors", LLAMA_DIMS, "Sum", LATEST, 6)
                .put(ns, "Invocation5XXErrors", LLAMA_DIMS, "Sum", LATEST, 0)
                .put(ns, "ModelLatency", LLAMA_DIMS, "p50", LATEST, 180_000)
                .put(ns, "ModelLatency", LLAMA_DIMS, "p95", LATEST, 420_000)
                .put(ns, "ModelLatency", LLAMA_DIMS, "Average", LATEST, 200_000)
                .put(ns, "OverheadLatency", LLAMA_DIMS, "Average", LATEST, 12_000)
                .put("/aws/sagemaker/Endpoints", "GPUUtilization", LLAMA_DIMS, "Average", LATEST, 73.5);
    }

    private static Reading readingOf(PollResult r, String endpointId) {
        return r.readings().stream().filter(x -> x.key().equals(TileKey.endpoint(endpointId))).findFirst()
                .orElseThrow(() -> new AssertionError("no reading for " + endpointId + " in " + r.readings()));
    }

    private static void assertHaiku(Reading haiku) {
        assertThat(haiku.sampledAt()).isEqualTo(LATEST);
        assertThat(haiku.sourceId()).isEqualTo("aws");
        assertThat(haiku.model()).isEqualTo("bedrock " + HAIKU);
        assertThat(haiku.value(Metric.REQUESTS_PM)).isEqualTo(120.0);
        assertThat(haiku.value(Metric.ERROR_PCT)).isCloseTo(100.0 * 4 / 120, within(1e-9));
        assertThat(haiku.value(Metric.CLIENT_ERROR_PCT)).isCloseTo(2.5, within(1e-9));
        assertThat(haiku.value(Metric.SERVER_ERROR_PCT)).isCloseTo(100.0 / 120, within(1e-9));
        assertThat(haiku.value(Metric.THROTTLE_PCT)).isCloseTo(100.0 * 8 / 128, within(1e-9));
        assertThat(haiku.value(Metric.P50_MS)).isEqualTo(850.0);
        assertThat(haiku.value(Metric.P95_MS)).isEqualTo(2300.0);
        assertThat(haiku.has(Metric.AVG_MS)).as("percentiles exist, so no average").isFalse();
        assertThat(haiku.value(Metric.TOKENS_IN_PM)).isEqualTo(54000.0);
        assertThat(haiku.value(Metric.TOKENS_OUT_PM)).isEqualTo(12000.0);
    }

    private static List<JsonNode> queries(JsonNode body) {
        return StreamSupport.stream(body.get("MetricDataQueries").spliterator(), false).toList();
    }

    private static String ns(JsonNode q) {
        return q.at("/MetricStat/Metric/Namespace").asText();
    }

    @Test
    void bedrockAndSageMakerInOneCall() throws Exception {
        haikuTraffic();
        llamaTraffic();
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU), sagemaker("llama", "llama3-8b-prod")));

        PollResult r = source.poll();

        assertThat(r.requests()).isEqualTo(1);
        assertThat(r.warnings()).isEmpty();
        assertThat(r.readings()).hasSize(2);
        assertHaiku(readingOf(r, "haiku"));
        Reading llama = readingOf(r, "llama");
        assertThat(llama.model()).isEqualTo("sagemaker llama3-8b-prod");
        assertThat(llama.value(Metric.REQUESTS_PM)).isEqualTo(600.0);
        assertThat(llama.value(Metric.ERROR_PCT)).isCloseTo(1.0, within(1e-9));
        assertThat(llama.value(Metric.CLIENT_ERROR_PCT)).isCloseTo(1.0, within(1e-9));
        assertThat(llama.value(Metric.SERVER_ERROR_PCT)).isEqualTo(0.0);
        assertThat(llama.has(Metric.THROTTLE_PCT)).as("SageMaker has no throttle metric").isFalse();
        // ModelLatency in microseconds, plus the mean SageMaker overhead (12 ms)
        assertThat(llama.value(Metric.P50_MS)).isCloseTo(192.0, within(1e-9));
        assertThat(llama.value(Metric.P95_MS)).isCloseTo(432.0, within(1e-9));
        assertThat(llama.has(Metric.TOKENS_IN_PM)).isFalse();
        assertThat(llama.value(Metric.UTIL_PCT)).isEqualTo(73.5);

        RecordedRequest req = cloudWatch.requests().getFirst();
        assertThat(req.getUrl().encodedPath()).isEqualTo(CborWire.OPERATION_PATH);
        assertThat(req.getHeaders().get("smithy-protocol")).isEqualTo("rpc-v2-cbor");
        assertThat(req.getHeaders().get("Authorization"))
                .contains("Credential=" + ACCESS_KEY_ID + "/20261123/us-east-1/monitoring/aws4_request");
        JsonNode body = cloudWatch.body(0);
        // the window: five whole minutes, aligned, ending at the minute before now
        assertThat(body.get("StartTime").asLong()).isEqualTo(Instant.parse("2026-11-23T09:55:00Z").getEpochSecond());
        assertThat(body.get("EndTime").asLong()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z").getEpochSecond());
        assertThat(body.get("ScanBy").asText()).isEqualTo("TimestampDescending");
        List<JsonNode> qs = queries(body);
        assertThat(qs).hasSize(17).allSatisfy(q -> {
            assertThat(q.at("/MetricStat/Period").asInt()).isEqualTo(60);
            assertThat(q.get("Id").asText()).matches("[a-z][a-zA-Z0-9_]*");
        });
        assertThat(qs).filteredOn(q -> ns(q).equals("AWS/Bedrock")).hasSize(9).allSatisfy(q ->
                assertThat(q.at("/MetricStat/Metric/Dimensions").toString())
                        .isEqualTo("[{\"Name\":\"ModelId\",\"Value\":\"" + HAIKU + "\"}]"));
        assertThat(qs).filteredOn(q -> ns(q).equals("AWS/Bedrock"))
                .extracting(q -> q.at("/MetricStat/Metric/MetricName").asText() + " " + q.at("/MetricStat/Stat").asText())
                .containsExactlyInAnyOrder("Invocations Sum", "InvocationClientErrors Sum", "InvocationServerErrors Sum",
                        "InvocationThrottles Sum", "InvocationLatency p50", "InvocationLatency p95",
                        "InvocationLatency Average", "InputTokenCount Sum", "OutputTokenCount Sum");
        assertThat(qs).filteredOn(q -> ns(q).equals("AWS/SageMaker"))
                .extracting(q -> q.at("/MetricStat/Metric/MetricName").asText() + " " + q.at("/MetricStat/Stat").asText())
                .containsExactlyInAnyOrder("Invocations Sum", "Invocation4XXErrors Sum", "Invocation5XXErrors Sum",
                        "ModelLatency p50", "ModelLatency p95", "ModelLatency Average", "OverheadLatency Average");
        assertThat(qs).filteredOn(q -> ns(q).startsWith("/aws/sagemaker") || ns(q).equals("AWS/SageMaker"))
                .allSatisfy(q -> assertThat(q.at("/MetricStat/Metric/Dimensions").toString()).isEqualTo(
                        "[{\"Name\":\"EndpointName\",\"Value\":\"llama3-8b-prod\"},"
                                + "{\"Name\":\"VariantName\",\"Value\":\"AllTraffic\"}]"));
        assertThat(qs).filteredOn(q -> ns(q).equals("/aws/sagemaker/Endpoints"))
                .extracting(q -> q.at("/MetricStat/Metric/MetricName").asText()).containsExactly("GPUUtilization");
    }

    @Test
    void moreThan500QueriesGoInSeveralCalls() throws Exception {
        List<EndpointConfig> endpoints = new ArrayList<>();
        for (int i = 0; i < 56; i++) {
            endpoints.add(bedrock("model-" + i, "model.id-" + i));
            cloudWatch.put("AWS/Bedrock", "Invocations", Map.of("ModelId", "model.id-" + i), "Sum", LATEST, i + 1);
        }
        CloudWatchSource source = source(endpoints);

        PollResult r = source.poll();

        // 56 models x 9 metrics = 504 queries: 500 in the first call, 4 in the second
        assertThat(r.requests()).isEqualTo(2);
        assertThat(cloudWatch.requests()).hasSize(2);
        assertThat(queries(cloudWatch.body(0))).hasSize(500);
        assertThat(queries(cloudWatch.body(1))).hasSize(4);
        Set<String> ids = new HashSet<>();
        queries(cloudWatch.body(0)).forEach(q -> ids.add(q.get("Id").asText()));
        queries(cloudWatch.body(1)).forEach(q -> ids.add(q.get("Id").asText()));
        assertThat(ids).hasSize(504);
        assertThat(r.readings()).hasSize(56);
        assertThat(readingOf(r, "model-55").value(Metric.REQUESTS_PM)).isEqualTo(56.0);
        assertThat(source.cost().metricsPerPoll()).isEqualTo(504);
    }

    @Test
    void followsNextTokenAndJoinsThePieces() throws Exception {
        haikuTraffic();
        llamaTraffic();
        cloudWatch.pageSize(4);
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU), sagemaker("llama", "llama3-8b-prod")));

        PollResult r = source.poll();

        // 18 datapoints, 4 a page
        assertThat(r.requests()).isEqualTo(5);
        assertThat(cloudWatch.requests()).hasSize(5);
        JsonNode first = cloudWatch.body(0);
        assertThat(first.has("NextToken")).isFalse();
        for (int n = 1; n < 5; n++) {
            JsonNode next = cloudWatch.body(n);
            assertThat(next.get("NextToken").asText()).isEqualTo("page:" + 4 * n);
            assertThat(next.get("MetricDataQueries")).isEqualTo(first.get("MetricDataQueries"));
            assertThat(next.get("StartTime")).isEqualTo(first.get("StartTime"));
            assertThat(next.get("EndTime")).isEqualTo(first.get("EndTime"));
        }
        assertThat(r.warnings()).as("every PartialData result was completed by a later page").isEmpty();
        assertHaiku(readingOf(r, "haiku"));
        assertThat(readingOf(r, "llama").value(Metric.P95_MS)).isCloseTo(432.0, within(1e-9));
    }

    @Test
    void stillPartialAfterTheLastPageDegradesWithAWarning() throws Exception {
        cloudWatch.then(CborWire.ok(CborWire.fromAwsCliJson(Fixtures.resource("bedrock-still-partial.json"))));
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU)));

        PollResult r = source.poll();

        assertThat(r.requests()).isEqualTo(1);
        assertThat(r.warnings()).containsExactly(
                "haiku AWS/Bedrock InvocationLatency p95: InternalError Some datapoints could not be retrieved",
                "CloudWatch at " + server.url("/") + " (us-east-1) answered PartialData for 1 metric: "
                        + "haiku AWS/Bedrock Invocations Sum",
                "CloudWatch at " + server.url("/") + " (us-east-1) answered InternalError for 1 metric: "
                        + "haiku AWS/Bedrock InvocationLatency p95");
        // what did come is used
        Reading haiku = readingOf(r, "haiku");
        assertThat(haiku.value(Metric.REQUESTS_PM)).isEqualTo(42.0);
        assertThat(haiku.value(Metric.P50_MS)).isEqualTo(640.0);
        assertThat(haiku.has(Metric.P95_MS)).isFalse();
    }

    @Test
    void responseMessagesBecomeWarnings() throws Exception {
        cloudWatch.then(CborWire.ok(CborWire.fromAwsCliJson(Fixtures.resource("bedrock-with-messages.json"))));
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU)));

        PollResult r = source.poll();

        assertThat(r.warnings()).containsExactly("CloudWatch at " + server.url("/")
                + " (us-east-1): MaxMetricsExceeded Maximum number of allowed metrics exceeded");
    }

    @Test
    void noDatapointsMeansNoTrafficNotZeroPercent() throws Exception {
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU), sagemaker("llama", "llama3-8b-prod")));

        PollResult r = source.poll();

        assertThat(r.warnings()).isEmpty();
        assertThat(r.readings()).hasSize(2).allSatisfy(reading -> {
            assertThat(reading.metrics()).containsOnlyKeys(Metric.REQUESTS_PM);
            assertThat(reading.value(Metric.REQUESTS_PM)).isZero();
            assertThat(reading.sampledAt()).isEqualTo(LATEST);
        });
    }

    @Test
    void expiredTokenIsAuthExpiredWithTheLoginToRun() {
        cloudWatch.then(CborWire.error(400, "com.amazon.coral.service#ExpiredTokenException", "ExpiredToken;Sender",
                "The security token included in the request is expired"));
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU)));

        assertThatThrownBy(source::poll).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.AUTH_EXPIRED);
            assertThat(e.getMessage()).isEqualTo("the AWS credentials of profile prod have expired (ExpiredToken): "
                    + "run aws sso login --profile prod, or refresh the keys of that profile");
        });
        assertThat(cloudWatch.requests()).as("an expired token is not retried").hasSize(1);
    }

    @Test
    void expiredTokenWithoutTheQueryHeaderToo() {
        cloudWatch.then(CborWire.error(400, "com.amazon.coral.service#ExpiredTokenException", null,
                "The security token included in the request is expired"));
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU)));

        assertThatThrownBy(source::poll).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.AUTH_EXPIRED));
    }

    @Test
    void accessDeniedIsAuthAndSaysWhichPermission() {
        cloudWatch.then(CborWire.error(403, "com.amazon.coral.service#AccessDeniedException", "AccessDenied;Sender",
                "User: arn:aws:sts::123456789012:assumed-role/noc-readonly/session is not authorized to perform: "
                        + "cloudwatch:GetMetricData because no identity-based policy allows the "
                        + "cloudwatch:GetMetricData action"));
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU)));

        assertThatThrownBy(source::poll).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.AUTH);
            assertThat(e.getMessage())
                    .startsWith("not allowed to read metrics from CloudWatch at " + server.url("/")
                            + " (us-east-1) (AccessDenied): grant cloudwatch:GetMetricData to the IAM identity of "
                            + "profile prod. AWS said: User: arn:aws:sts::123456789012:assumed-role/noc-readonly")
                    .doesNotContain(ACCESS_KEY_ID).doesNotContain(SECRET_KEY);
        });
    }

    @Test
    void unknownKeyIsAuth() {
        cloudWatch.then(CborWire.error(403, "com.amazon.coral.service#UnrecognizedClientException",
                "InvalidClientTokenId;Sender", "The security token included in the request is invalid."));
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU)));

        assertThatThrownBy(source::poll).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.AUTH);
            assertThat(e.getMessage()).contains("(HTTP 403 (InvalidClientTokenId))")
                    .contains("run aws sso login --profile prod");
        });
    }

    @Test
    void serverErrorsAreRetriedOnceThenTheSourceIsDown() {
        var fault = CborWire.error(500, "com.amazonaws.cloudwatch#InternalServiceFault",
                "InternalServiceError;Receiver", "Request processing has failed due to some unknown error.");
        cloudWatch.then(fault, fault);
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU)));

        assertThatThrownBy(source::poll).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.HTTP);
            assertThat(e.getMessage()).isEqualTo("CloudWatch at " + server.url("/") + " (us-east-1) failed with "
                    + "HTTP 500 (InternalServiceError) after 2 attempts. AWS said: Request processing has failed due "
                    + "to some unknown error.");
        });
        assertThat(cloudWatch.requests()).hasSize(2);
    }

    @Test
    void oneServerErrorIsHiddenByTheRetry() throws Exception {
        haikuTraffic();
        cloudWatch.then(CborWire.error(503, "com.amazonaws.cloudwatch#ServiceUnavailable",
                "ServiceUnavailable;Receiver", "Service is unavailable"));
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU)));

        PollResult r = source.poll();

        assertHaiku(readingOf(r, "haiku"));
        assertThat(r.requests()).as("GetMetricData calls, not attempts").isEqualTo(1);
        assertThat(cloudWatch.requests()).hasSize(2);
    }

    @Test
    void throttlingIsRetriedThenReported() {
        var throttled = CborWire.error(400, "com.amazonaws.cloudwatch#ThrottlingException", "Throttling;Sender",
                "Rate exceeded");
        cloudWatch.then(throttled, throttled);
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU)));

        assertThatThrownBy(source::poll).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.HTTP);
            assertThat(e.getMessage()).contains("is throttling GetMetricData (HTTP 400 (Throttling)) after 2 attempts")
                    .contains("poll less often");
        });
        assertThat(cloudWatch.requests()).hasSize(2);
    }

    @Test
    void aSlowServerCannotHoldThePollPastItsTimeout() {
        cloudWatch.then(new mockwebserver3.MockResponse.Builder().code(200)
                .headersDelay(5, java.util.concurrent.TimeUnit.SECONDS).build());
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU)), TEST_KEYS, Duration.ofMillis(800));

        long started = System.nanoTime();
        assertThatThrownBy(source::poll).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.getMessage()).contains("did not answer within 800ms");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void endpointsInAnotherRegionGetTheirOwnSignedCall() throws Exception {
        haikuTraffic();
        cloudWatch.put("AWS/Bedrock", "Invocations", Map.of("ModelId", "mistral.mistral-large-2402-v1:0"), "Sum",
                LATEST, 30);
        CloudWatchSource source = source(List.of(bedrock("haiku", HAIKU),
                bedrock("mistral-eu", "mistral.mistral-large-2402-v1:0", "eu-west-1")));

        PollResult r = source.poll();

        assertThat(r.requests()).isEqualTo(2);
        assertThat(cloudWatch.requests()).extracting(q -> q.getHeaders().get("Authorization"))
                .satisfiesExactly(a -> assertThat(a).contains("/us-east-1/monitoring/aws4_request"),
                        a -> assertThat(a).contains("/eu-west-1/monitoring/aws4_request"));
        assertThat(queries(cloudWatch.body(1))).hasSize(9);
        assertThat(readingOf(r, "mistral-eu").value(Metric.REQUESTS_PM)).isEqualTo(30.0);
        assertHaiku(readingOf(r, "haiku"));
    }

    @Test
    void oneRegionFailingDegradesTheOthers() throws Exception {
        haikuTraffic();
        // the eu-west-1 endpoint comes first, so its region is called first and gets the error
        cloudWatch.then(CborWire.error(403, "com.amazon.coral.service#AccessDeniedException", "AccessDenied;Sender",
                "not authorized"));
        CloudWatchSource source = source(List.of(bedrock("mistral-eu", "mistral.mistral-large-2402-v1:0", "eu-west-1"),
                bedrock("haiku", HAIKU)));

        PollResult r = source.poll();

        assertThat(r.readings()).extracting(Reading::tileId).containsExactly("endpoint:haiku");
        assertHaiku(readingOf(r, "haiku"));
        assertThat(r.warnings()).singleElement().asString()
                .startsWith("not allowed to read metrics from CloudWatch at " + server.url("/") + " (eu-west-1)");
        assertThat(r.requests()).isEqualTo(1);
    }

    @Test
    void anUnreachableEndpointIsUnreachable() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var config = CloudWatchConfigs.source(CloudWatchConfigs.options("us-east-1", "http://127.0.0.1:" + port),
                Duration.ofSeconds(5));
        var context = new SourceContext(CloudWatchConfigs.CLOCK, Thresholds.DEFAULTS, List.of(bedrock("h", HAIKU)));
        CloudWatchSource source = new CloudWatchSourceProvider().create(config, context, TEST_KEYS, false);
        sources.add(source);

        assertThatThrownBy(source::poll).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
            assertThat(e.getMessage()).startsWith("cannot connect to CloudWatch at http://127.0.0.1:" + port);
        });
    }
}
