package io.watchfloor.sources.azure;

import static io.watchfloor.sources.azure.AzureFixtures.AOAI_ACCOUNT;
import static io.watchfloor.sources.azure.AzureFixtures.ML_ENDPOINT;
import static io.watchfloor.sources.azure.AzureFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.watchfloor.config.Provider;
import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Azure ML managed online endpoints, several resources in one source, and endpoints the source cannot read.
 * Bodies in the documented format (src/test/resources/azure/README.md); the clock as in {@link AzureOpenAiSourceTest}.
 */
class AzureMlSourceTest extends AzureSourceHarness {
    private static final String REQUESTS = "RequestsPerMinute";
    private static final String LATENCY = "RequestLatency_P50,RequestLatency_P95";
    private static final Offset<Double> CLOSE = within(1e-9);

    @Test
    void deploymentsShareSplitCallsAndTheWholeEndpointHasItsOwn() throws Exception {
        arm.on(ML_ENDPOINT, REQUESTS, "deployment eq '*' and statusCode eq '*'", "ml-requests-by-deployment-and-status.json")
                .on(ML_ENDPOINT, LATENCY, "deployment eq '*'", "ml-latency-by-deployment.json")
                .on(ML_ENDPOINT, REQUESTS, "statusCode eq '*'", "ml-requests-whole-endpoint.json")
                .on(ML_ENDPOINT, LATENCY, "", "ml-latency-whole-endpoint.json");
        PollResult result = source(AzureConfigs.ml("blue", ML_ENDPOINT, "blue"),
                AzureConfigs.ml("green", ML_ENDPOINT, "green"),
                AzureConfigs.ml("llama", ML_ENDPOINT, null)).poll();

        assertThat(result.warnings()).isEmpty();
        assertThat(result.requests()).isEqualTo(4);
        List<RecordedRequest> calls = arm.requests();
        assertThat(calls).hasSize(4).allSatisfy(r -> {
            assertThat(r.getUrl().queryParameter("metricnamespace"))
                    .isEqualTo("Microsoft.MachineLearningServices/workspaces/onlineEndpoints");
            assertThat(r.getUrl().queryParameter("aggregation")).isEqualTo("Average");
            assertThat(r.getUrl().queryParameter("interval")).isEqualTo("PT1M");
            assertThat(r.getUrl().queryParameter("api-version")).isEqualTo("2023-10-01");
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
        });
        assertThat(calls).extracting(r -> r.getUrl().queryParameter("metricnames") + " | "
                        + r.getUrl().queryParameter("$filter") + " | " + r.getUrl().queryParameter("top"))
                .containsExactlyInAnyOrder(
                        "RequestsPerMinute | deployment eq '*' and statusCode eq '*' | 500",
                        "RequestLatency_P50,RequestLatency_P95 | deployment eq '*' | 500",
                        "RequestsPerMinute | statusCode eq '*' | 500",
                        "RequestLatency_P50,RequestLatency_P95 | null | null");

        Map<String, Reading> readings = AzureOpenAiSourceTest.byEndpoint(result);
        Reading blue = readings.get("endpoint:blue");
        // 4 x 60 + 3 x 429 + 6 x 500 = 249 requests in 12:00-12:03
        assertThat(blue.value(Metric.REQUESTS_PM)).isCloseTo(249 / 4.0, CLOSE);
        assertThat(blue.value(Metric.THROTTLE_PCT)).isCloseTo(100.0 * 3 / 249, CLOSE);
        assertThat(blue.value(Metric.SERVER_ERROR_PCT)).isCloseTo(100.0 * 6 / 249, CLOSE);
        assertThat(blue.value(Metric.CLIENT_ERROR_PCT)).isZero();
        assertThat(blue.value(Metric.ERROR_PCT)).isCloseTo(100.0 * 6 / 249, CLOSE);
        // percentiles exist here: P50/P95, weighted by the minutes' requests (60, 60, 63, 66), and no AVG_MS
        assertThat(blue.value(Metric.P50_MS)).isCloseTo((120 * 60 + 130 * 60 + 125 * 63 + 140 * 66) / 249.0, CLOSE);
        assertThat(blue.value(Metric.P95_MS)).isCloseTo((400 * 60 + 420 * 60 + 410 * 63 + 600 * 66) / 249.0, CLOSE);
        assertThat(blue.has(Metric.AVG_MS)).isFalse();
        // Azure ML gives no token counts and no availability: absent, not 0
        assertThat(blue.has(Metric.TOKENS_IN_PM)).isFalse();
        assertThat(blue.has(Metric.AVAILABILITY_PCT)).isFalse();
        assertThat(blue.model()).isEqualTo("azure-ml " + ML_ENDPOINT);
        assertThat(blue.sampledAt()).isEqualTo(Instant.parse("2026-11-23T12:03:00Z"));

        Reading green = readings.get("endpoint:green");
        assertThat(green.value(Metric.REQUESTS_PM)).isCloseTo(20, CLOSE);
        assertThat(green.value(Metric.P50_MS)).isCloseTo((90 + 95 + 85 + 90) / 4.0, CLOSE);

        Reading whole = readings.get("endpoint:llama");
        assertThat(whole.value(Metric.REQUESTS_PM)).isCloseTo((4 * 80 + 3 + 6) / 4.0, CLOSE);
        assertThat(whole.value(Metric.P95_MS)).isCloseTo((380 * 80 + 400 * 80 + 390 * 83 + 560 * 86) / 329.0, CLOSE);
    }

    @Test
    void oneResourceFailingLeavesTheOthersReadAndWarns() throws Exception {
        answerOpenAi();
        for (String metrics : List.of(REQUESTS, LATENCY)) {
            arm.on(ML_ENDPOINT, metrics, () -> json(403, AzureFixtures.resource("arm-403-AuthorizationFailed.json")));
        }
        PollResult result = source(AzureConfigs.openAi("gpt4o", AOAI_ACCOUNT, "gpt-4o"),
                AzureConfigs.ml("blue", ML_ENDPOINT, "blue")).poll();

        assertThat(result.requests()).isEqualTo(5);
        assertThat(result.readings()).extracting(Reading::tileId).containsExactly("endpoint:gpt4o");
        assertThat(result.warnings()).containsExactly("the Azure identity may not read metrics of " + ML_ENDPOINT
                + ": it needs Monitoring Reader on " + ML_ENDPOINT + " (or its resource group or subscription)");
    }

    @Test
    void aSubscriptionOfAnotherTenantIsAWarningButARejectedTokenFailsThePoll() throws Exception {
        answerOpenAi();
        for (String metrics : List.of(REQUESTS, LATENCY)) {
            arm.on(ML_ENDPOINT, metrics,
                    () -> json(401, AzureFixtures.resource("arm-401-InvalidAuthenticationTokenTenant.json")));
        }
        Source s = source(AzureConfigs.openAi("gpt4o", AOAI_ACCOUNT, "gpt-4o"), AzureConfigs.ml("blue", ML_ENDPOINT, "blue"));
        PollResult result = s.poll();
        assertThat(result.readings()).extracting(Reading::tileId).containsExactly("endpoint:gpt4o");
        assertThat(result.warnings()).singleElement().asString()
                .startsWith("the token is from another tenant than the subscription of onlineEndpoints/llama-ep");

        for (String metrics : List.of(REQUESTS, LATENCY)) {
            arm.on(ML_ENDPOINT, metrics, () -> json(401,
                    "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"The access token is invalid.\"}}"));
        }
        SourceException e = catchThrowableOfType(SourceException.class, s::poll);
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).startsWith("Azure Resource Manager rejected the token (HTTP 401,"
                + " InvalidAuthenticationToken: The access token is invalid.); run az login");
    }

    private void answerOpenAi() {
        arm.on(AOAI_ACCOUNT, AzureOpenAiSourceTest.REQUESTS, "aoai-requests-by-deployment-and-status.json")
                .on(AOAI_ACCOUNT, AzureOpenAiSourceTest.TOKENS, "aoai-tokens-by-deployment.json")
                .on(AOAI_ACCOUNT, AzureOpenAiSourceTest.LEVELS, "aoai-latency-availability-by-deployment.json");
    }

    @Test
    void endpointsTheSourceCannotReadAreWarningsAndCostNoCall() throws Exception {
        answerOpenAi();
        PollResult result = source(AzureConfigs.openAi("gpt4o", AOAI_ACCOUNT + "/", "gpt-4o"),
                AzureConfigs.openAi("typo", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
                        "gpt-4o"),
                AzureConfigs.endpoint("claude", Provider.BEDROCK, Map.of("model", "anthropic.claude-3-haiku"))).poll();

        assertThat(arm.requests()).hasSize(3);
        assertThat(result.readings()).extracting(Reading::tileId).containsExactly("endpoint:gpt4o");
        assertThat(result.warnings()).containsExactly(
                "endpoint typo: resource must be the Azure Resource Manager id /subscriptions/<id>/resourceGroups/<group>"
                        + "/providers/Microsoft.CognitiveServices/accounts/<account>, got '/subscriptions/x/resourceGroups"
                        + "/rg/providers/Microsoft.Compute/virtualMachines/vm1'",
                "endpoint claude: provider bedrock is not read by an azure-monitor source (it reads azure-openai and"
                        + " azure-ml endpoints)");
    }

    @Test
    void aSourceNoEndpointNamesMakesNoCall() throws Exception {
        PollResult result = source().poll();

        assertThat(result.requests()).isZero();
        assertThat(result.readings()).isEmpty();
        assertThat(result.warnings()).containsExactly("no endpoint names this source (source: azure under endpoints:)");
        assertThat(credential.requests()).isZero();
    }
}
