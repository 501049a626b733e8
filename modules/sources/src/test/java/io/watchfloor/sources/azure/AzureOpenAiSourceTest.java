package io.watchfloor.sources.azure;

import static io.watchfloor.sources.azure.AzureFixtures.AOAI_ACCOUNT;
import static io.watchfloor.sources.azure.AzureFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.model.TileKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Azure OpenAI deployments through the whole source (provider, token, calls, arithmetic) against MockWebServer.
 * The bodies are in the documented format (src/test/resources/azure/README.md says where the shape comes from).
 * The clock stands at 12:05:20 UTC: the window is 12:00-12:05, and request counts are in up to 12:03.
 */
class AzureOpenAiSourceTest extends AzureSourceHarness {
    static final String REQUESTS = "AzureOpenAIRequests";
    static final String TOKENS = "ProcessedPromptTokens,GeneratedTokens";
    static final String LEVELS = "AzureOpenAITimeToResponse,AzureOpenAIAvailabilityRate";
    private static final Offset<Double> CLOSE = within(1e-9);

    private Source threeDeployments() {
        return source(AzureConfigs.openAi("gpt4o", AOAI_ACCOUNT, "gpt-4o"),
                AzureConfigs.openAi("embed", AOAI_ACCOUNT, "embed-small"),
                AzureConfigs.openAi("mini", AOAI_ACCOUNT, "gpt-4o-mini"));
    }

    private void answerAll(String levelsFile) {
        arm.on(AOAI_ACCOUNT, REQUESTS, "aoai-requests-by-deployment-and-status.json")
                .on(AOAI_ACCOUNT, TOKENS, "aoai-tokens-by-deployment.json")
                .on(AOAI_ACCOUNT, LEVELS, levelsFile);
    }

    static Map<String, Reading> byEndpoint(PollResult r) {
        return r.readings().stream().collect(Collectors.toMap(Reading::tileId, Function.identity()));
    }

    @Test
    void threeCallsPerAccountServeAllItsDeployments() throws Exception {
        answerAll("aoai-latency-availability-by-deployment.json");
        PollResult result = threeDeployments().poll();

        assertThat(result.requests()).isEqualTo(3);
        assertThat(arm.requests()).hasSize(3);
        assertThat(result.warnings()).isEmpty();
        for (RecordedRequest req : arm.requests()) {
            HttpUrl url = req.getUrl();
            assertThat(url.encodedPath()).isEqualTo(AOAI_ACCOUNT + "/providers/Microsoft.Insights/metrics");
            assertThat(url.queryParameter("api-version")).isEqualTo("2023-10-01");
            assertThat(url.queryParameter("metricnamespace")).isEqualTo("Microsoft.CognitiveServices/accounts");
            assertThat(url.queryParameter("interval")).isEqualTo("PT1M");
            assertThat(url.queryParameter("timespan")).isEqualTo("2026-11-23T12:00:00Z/2026-11-23T12:05:00Z");
            assertThat(url.queryParameter("top")).isEqualTo("500");
            assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
        }
        HttpUrl requests = arm.requestsFor(REQUESTS).getFirst().getUrl();
        assertThat(requests.queryParameter("aggregation")).isEqualTo("Total");
        assertThat(requests.queryParameter("$filter")).isEqualTo("ModelDeploymentName eq '*' and StatusCode eq '*'");
        HttpUrl tokens = arm.requestsFor(TOKENS).getFirst().getUrl();
        assertThat(tokens.queryParameter("aggregation")).isEqualTo("Total");
        assertThat(tokens.queryParameter("$filter")).isEqualTo("ModelDeploymentName eq '*'");
        HttpUrl levels = arm.requestsFor(LEVELS).getFirst().getUrl();
        assertThat(levels.queryParameter("aggregation")).isEqualTo("Average");
        assertThat(levels.queryParameter("$filter")).isEqualTo("ModelDeploymentName eq '*'");
        assertThat(credential.lastScopes()).containsExactly("https://management.azure.com/.default");
    }

    @Test
    void aBusyDeploymentIsNormalisedPerMinuteUpToTheNewestSettledMinute() throws Exception {
        answerAll("aoai-latency-availability-by-deployment.json");
        Reading r = byEndpoint(threeDeployments().poll()).get("endpoint:gpt4o");

        assertThat(r.key()).isEqualTo(TileKey.endpoint("gpt4o"));
        assertThat(r.sourceId()).isEqualTo("azure");
        assertThat(r.model()).isEqualTo("azure-openai " + AOAI_ACCOUNT + " gpt-4o");
        assertThat(r.sampledAt()).isEqualTo(Instant.parse("2026-11-23T12:03:00Z"));
        // 12:00-12:03: 400 x 200, 40 x 429, 8 x 400, 2 x 500 = 450 requests in 4 minutes
        assertThat(r.value(Metric.REQUESTS_PM)).isCloseTo(112.5, CLOSE);
        assertThat(r.value(Metric.ERROR_PCT)).isCloseTo(100.0 * 10 / 450, CLOSE);
        assertThat(r.value(Metric.CLIENT_ERROR_PCT)).isCloseTo(100.0 * 8 / 450, CLOSE);
        assertThat(r.value(Metric.SERVER_ERROR_PCT)).isCloseTo(100.0 * 2 / 450, CLOSE);
        assertThat(r.value(Metric.THROTTLE_PCT)).isCloseTo(100.0 * 40 / 450, CLOSE);
        // 12:04 has tokens (50000) but no settled request count yet: left out
        assertThat(r.value(Metric.TOKENS_IN_PM)).isCloseTo(160_000 / 4.0, CLOSE);
        assertThat(r.value(Metric.TOKENS_OUT_PM)).isCloseTo(10_000, CLOSE);
        // time to response is an average only: AVG_MS, weighted by each minute's requests (100, 130, 112, 108)
        assertThat(r.value(Metric.AVG_MS)).isCloseTo((800 * 100 + 1000 * 130 + 1200 * 112 + 900 * 108) / 450.0, CLOSE);
        assertThat(r.has(Metric.P50_MS)).isFalse();
        assertThat(r.has(Metric.P95_MS)).isFalse();
        assertThat(r.value(Metric.AVAILABILITY_PCT))
                .isCloseTo((100 * 100 + 100 * 130 + 98.2 * 112 + 100 * 108) / 450.0, CLOSE);
    }

    @Test
    void quieterAndIdleDeploymentsOfTheSameAccount() throws Exception {
        answerAll("aoai-latency-availability-by-deployment.json");
        Map<String, Reading> readings = byEndpoint(threeDeployments().poll());

        Reading embed = readings.get("endpoint:embed");
        // its own last request was at 12:01, but the account's minutes are settled up to 12:03 for it too
        assertThat(embed.sampledAt()).isEqualTo(Instant.parse("2026-11-23T12:03:00Z"));
        assertThat(embed.value(Metric.REQUESTS_PM)).isCloseTo(60 / 4.0, CLOSE); // quiet in 12:02-12:03
        assertThat(embed.value(Metric.ERROR_PCT)).isZero();
        assertThat(embed.value(Metric.THROTTLE_PCT)).isZero();
        assertThat(embed.value(Metric.TOKENS_IN_PM)).isCloseTo(6000 / 4.0, CLOSE);
        assertThat(embed.value(Metric.TOKENS_OUT_PM)).isZero(); // answered, no series for it: none generated
        assertThat(embed.has(Metric.AVG_MS)).isFalse(); // the provider gave no time to response for it
        assertThat(embed.value(Metric.AVAILABILITY_PCT)).isEqualTo(100.0);

        Reading mini = readings.get("endpoint:mini");
        assertThat(mini.sampledAt()).isEqualTo(Instant.parse("2026-11-23T12:03:00Z"));
        assertThat(mini.metrics()).containsOnly(Map.entry(Metric.REQUESTS_PM, 0.0),
                Map.entry(Metric.TOKENS_IN_PM, 0.0), Map.entry(Metric.TOKENS_OUT_PM, 0.0));
    }

    @Test
    void noTrafficAtAllIsZeroRequestsAndNoPercentages() throws Exception {
        arm.on(AOAI_ACCOUNT, REQUESTS, "aoai-requests-no-traffic.json")
                .on(AOAI_ACCOUNT, TOKENS, "aoai-tokens-by-deployment.json")
                .on(AOAI_ACCOUNT, LEVELS, "aoai-latency-availability-by-deployment.json");
        PollResult result = source(AzureConfigs.openAi("gpt4o", AOAI_ACCOUNT, "gpt-4o")).poll();

        Reading r = result.readings().getFirst();
        assertThat(r.metrics()).containsOnly(Map.entry(Metric.REQUESTS_PM, 0.0),
                Map.entry(Metric.TOKENS_IN_PM, 0.0), Map.entry(Metric.TOKENS_OUT_PM, 0.0));
        assertThat(r.sampledAt()).isEqualTo(Instant.parse("2026-11-23T12:04:00Z")); // the last minute asked for
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void aMetricFailingInsideTheAnswerIsAWarningAndAbsent() throws Exception {
        answerAll("aoai-latency-availability-partial-error.json");
        PollResult result = threeDeployments().poll();

        Reading r = byEndpoint(result).get("endpoint:gpt4o");
        assertThat(r.has(Metric.AVAILABILITY_PCT)).isFalse();
        assertThat(r.has(Metric.AVG_MS)).isTrue();
        assertThat(r.value(Metric.REQUESTS_PM)).isCloseTo(112.5, CLOSE);
        assertThat(result.warnings()).containsExactly("AzureOpenAIAvailabilityRate on accounts/aoai-prod-eus2:"
                + " InvalidSamplingType: Sampling type is not found. Metric:AzureOpenAI,AzureOpenAIAvailabilityRate,"
                + " SamplingType:Average.");
    }

    @Test
    void aFailedTokenCallLeavesTheRestAndWarns() throws Exception {
        answerAll("aoai-latency-availability-by-deployment.json");
        arm.on(AOAI_ACCOUNT, TOKENS, () -> json(500, AzureFixtures.resource("arm-500-InternalServerError.json")));
        PollResult result = threeDeployments().poll();

        Reading r = byEndpoint(result).get("endpoint:gpt4o");
        assertThat(r.has(Metric.TOKENS_IN_PM)).isFalse();
        assertThat(r.value(Metric.REQUESTS_PM)).isCloseTo(112.5, CLOSE);
        assertThat(result.warnings()).singleElement().asString()
                .startsWith("Azure Monitor answered HTTP 500 for accounts/aoai-prod-eus2: InternalServerError:");
    }

    @Test
    void badRequestIsAQueryErrorWithTheServiceMessage() {
        for (String metrics : List.of(REQUESTS, TOKENS, LEVELS)) {
            arm.on(AOAI_ACCOUNT, metrics, () -> json(400, AzureFixtures.shared("metrics-error-BadRequest.json")));
        }
        SourceException e = catchThrowableOfType(SourceException.class, threeDeployments()::poll);

        assertThat(e.kind()).isEqualTo(Kind.QUERY);
        assertThat(e.getMessage()).contains("BadRequest: Missing required region params");
    }

    @Test
    void forbiddenSaysWhichRoleIsMissingOnWhichResource() {
        for (String metrics : List.of(REQUESTS, TOKENS, LEVELS)) {
            arm.on(AOAI_ACCOUNT, metrics, () -> json(403, AzureFixtures.resource("arm-403-AuthorizationFailed.json")));
        }
        SourceException e = catchThrowableOfType(SourceException.class, threeDeployments()::poll);

        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).isEqualTo("the Azure identity may not read metrics of " + AOAI_ACCOUNT
                + ": it needs Monitoring Reader on " + AOAI_ACCOUNT + " (or its resource group or subscription)");
    }

    @Test
    void anExpiredTokenIsAuthExpiredAndTheNextPollSignsInAgain() throws Exception {
        for (String metrics : List.of(REQUESTS, TOKENS, LEVELS)) {
            arm.on(AOAI_ACCOUNT, metrics, () -> json(401, AzureFixtures.resource("arm-401-ExpiredAuthenticationToken.json")));
        }
        Source s = threeDeployments();
        SourceException e = catchThrowableOfType(SourceException.class, s::poll);
        assertThat(e.kind()).isEqualTo(Kind.AUTH_EXPIRED);
        assertThat(e.getMessage()).contains("has expired").contains("az login").doesNotContain("tok-1");

        answerAll("aoai-latency-availability-by-deployment.json");
        arm.clearRequests();
        assertThat(s.poll().readings()).hasSize(3);
        assertThat(arm.requests()).allSatisfy(r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-2"));
        assertThat(credential.requests()).isEqualTo(2);
    }

    @Test
    void aTokenOfAnotherTenantIsAuthExpiredAndSaysSo() {
        for (String metrics : List.of(REQUESTS, TOKENS, LEVELS)) {
            arm.on(AOAI_ACCOUNT, metrics,
                    () -> json(401, AzureFixtures.resource("arm-401-InvalidAuthenticationTokenTenant.json")));
        }
        SourceException e = catchThrowableOfType(SourceException.class, threeDeployments()::poll);

        assertThat(e.kind()).isEqualTo(Kind.AUTH_EXPIRED);
        assertThat(e.getMessage()).startsWith("the token is from another tenant than the subscription of"
                + " accounts/aoai-prod-eus2").contains("set tenant: on the source");
    }

    @Test
    void theTokenIsRenewedFiveMinutesBeforeItExpires() throws Exception {
        answerAll("aoai-latency-availability-by-deployment.json");
        Source s = threeDeployments();
        s.poll();
        clock.advance(Duration.ofMinutes(54)); // token 1 expires at 13:05:20; 12:59:20 is still before 13:00:20
        arm.clearRequests();
        s.poll();
        assertThat(arm.requests()).allSatisfy(r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1"));

        clock.advance(Duration.ofMinutes(1)); // 13:00:20
        arm.clearRequests();
        s.poll();
        assertThat(arm.requests()).allSatisfy(r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-2"));
        assertThat(credential.requests()).isEqualTo(2);
    }

    @Test
    void throttlingStopsAllCallsUntilRetryAfterHasPassed() throws Exception {
        for (String metrics : List.of(REQUESTS, TOKENS, LEVELS)) {
            arm.on(AOAI_ACCOUNT, metrics, () -> json(429,
                    "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"too many metric reads\"}}")
                    .newBuilder().setHeader("Retry-After", "120").build());
        }
        Source s = threeDeployments();
        SourceException first = catchThrowableOfType(SourceException.class, s::poll);
        assertThat(first.kind()).isEqualTo(Kind.HTTP); // the source is DOWN
        assertThat(first.getMessage()).contains("throttled until 2026-11-23T12:07:20Z");

        clock.advance(Duration.ofSeconds(60));
        arm.clearRequests();
        SourceException second = catchThrowableOfType(SourceException.class, s::poll);
        assertThat(second.getMessage()).contains("throttled until 2026-11-23T12:07:20Z");
        assertThat(arm.requests()).isEmpty();

        clock.advance(Duration.ofSeconds(61));
        answerAll("aoai-latency-availability-by-deployment.json");
        assertThat(s.poll().readings()).hasSize(3);
        assertThat(arm.requests()).hasSize(3);
    }

    @Test
    void aServerErrorOnEveryCallIsDown() {
        for (String metrics : List.of(REQUESTS, TOKENS, LEVELS)) {
            arm.on(AOAI_ACCOUNT, metrics, () -> json(503, AzureFixtures.resource("arm-500-InternalServerError.json")));
        }
        SourceException e = catchThrowableOfType(SourceException.class, threeDeployments()::poll);

        assertThat(e.kind()).isEqualTo(Kind.HTTP);
        assertThat(e.getMessage()).startsWith("Azure Monitor answered HTTP 503 for accounts/aoai-prod-eus2");
    }

    @Test
    void noCredentialMeansNoCallAndAuthFailed() {
        credential.failNext(() -> new com.azure.identity.CredentialUnavailableException(
                "DefaultAzureCredential failed to retrieve a token from the included credentials."));
        SourceException e = catchThrowableOfType(SourceException.class, threeDeployments()::poll);

        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).contains("run az login, or set AZURE_CLIENT_ID/");
        assertThat(arm.requests()).isEmpty();
    }
}
