package io.watchfloor.sources.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * The test wire helper against the real SDK client: the AWS CLI captures, converted to CBOR, must read back as
 * the same GetMetricData output, and the request the SDK sends must be the Smithy RPC v2 CBOR one.
 */
class CborWireTest {
    private MockWebServer server;
    private CloudWatchClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        client = CloudWatchClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(server.url("/").uri())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void billingCaptureReadsBackAsTheCliPrintedIt() throws Exception {
        server.enqueue(CborWire.ok(CborWire.fromAwsCliJson(
                Fixtures.shared("awscli-get-metric-data-billing-estimated-charges.json"))));

        GetMetricDataResponse r = client.getMetricData(b -> b.metricDataQueries(MetricDataQuery.builder().id("m1")
                        .metricStat(s -> s.metric(m -> m.namespace("AWS/Billing").metricName("EstimatedCharges")
                                .dimensions(Dimension.builder().name("Currency").value("USD").build()))
                                .period(86400).stat("Maximum")).build())
                .startTime(Instant.parse("2024-09-26T00:00:00Z")).endTime(Instant.parse("2024-09-27T00:00:00Z")));

        MetricDataResult m1 = r.metricDataResults().getFirst();
        assertThat(m1.id()).isEqualTo("m1");
        assertThat(m1.label()).isEqualTo("EstimatedCharges");
        assertThat(m1.timestamps()).containsExactly(Instant.parse("2024-09-26T12:00:00Z"));
        assertThat(m1.values()).containsExactly(542.38);
        assertThat(m1.statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(r.messages()).isEmpty();
        assertThat(r.nextToken()).isNull();

        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getUrl().encodedPath()).isEqualTo(CborWire.OPERATION_PATH);
        assertThat(req.getHeaders().get("smithy-protocol")).isEqualTo("rpc-v2-cbor");
        assertThat(req.getHeaders().get("Content-Type")).isEqualTo("application/cbor");
        assertThat(req.getHeaders().get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/us-east-1/monitoring/aws4_request");
        JsonNode body = CborWire.decode(req.getBody().toByteArray());
        assertThat(body.get("StartTime").asLong()).isEqualTo(Instant.parse("2024-09-26T00:00:00Z").getEpochSecond());
        JsonNode stat = body.get("MetricDataQueries").get(0).get("MetricStat");
        assertThat(stat.get("Metric").get("Namespace").asText()).isEqualTo("AWS/Billing");
        assertThat(stat.get("Stat").asText()).isEqualTo("Maximum");
        assertThat(stat.get("Period").asInt()).isEqualTo(86400);
    }

    @Test
    void metricMathCaptureReadsBack() {
        server.enqueue(CborWire.ok(CborWire.fromAwsCliJson(
                Fixtures.shared("awscli-get-metric-data-math-expression-ec2-ebs-iops.json"))));

        GetMetricDataResponse r = client.getMetricData(b -> b.metricDataQueries(List.of(
                        MetricDataQuery.builder().id("m3").expression("(m1+m2)/300").label("Avg Total IOPS").build()))
                .startTime(Instant.parse("2024-09-29T22:10:00Z")).endTime(Instant.parse("2024-09-29T22:15:00Z")));

        assertThat(r.metricDataResults()).singleElement().satisfies(m -> {
            assertThat(m.label()).isEqualTo("Avg Total IOPS");
            assertThat(m.timestamps()).containsExactly(Instant.parse("2024-09-29T22:10:00Z"));
            assertThat(m.values()).containsExactly(96.85);
        });
    }

    @Test
    void errorsCarryTheQueryCodeOfTheHeader() {
        server.enqueue(CborWire.error(400, "com.amazonaws.cloudwatch#InvalidNextToken", "InvalidNextToken;Sender",
                "The service couldn't process the token."));

        assertThatThrownBy(() -> client.getMetricData(b -> b.metricDataQueries(List.of())
                .startTime(Instant.EPOCH).endTime(Instant.EPOCH.plusSeconds(60)).nextToken("stale")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidNextToken");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The service couldn't process the token.");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }
}
