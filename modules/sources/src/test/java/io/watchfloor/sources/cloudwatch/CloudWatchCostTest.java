package io.watchfloor.sources.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.watchfloor.model.Thresholds;
import io.watchfloor.sources.SourceContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudWatchCostTest {
    @Test
    void tenMetricsEveryMinute() {
        CloudWatchCost c = CloudWatchCost.of(10, Duration.ofSeconds(60));

        assertThat(c.pollsPerMonth()).isEqualTo(43_200);
        // 10 x 43,200 = 432,000 metrics requested, at $0.01 per 1,000
        assertThat(c.estimatedUsdPerMonth()).isCloseTo(4.32, within(1e-9));
        assertThat(c.describe()).isEqualTo("about $4.32 a month (10 metrics x 43,200 polls at $0.01 per 1,000 metrics)");
    }

    @Test
    void aSourceCountsEveryQueryOfEveryEndpointAtItsInterval() {
        var options = Map.<String, Object>of("region", "us-east-1", "endpointUrl", "http://127.0.0.1:9");
        var config = CloudWatchConfigs.source(options, Duration.ofSeconds(5));
        var context = new SourceContext(CloudWatchConfigs.CLOCK, Thresholds.DEFAULTS, List.of(
                CloudWatchConfigs.bedrock("a", "model-a"), CloudWatchConfigs.bedrock("b", "model-b", "eu-west-1"),
                CloudWatchConfigs.sagemaker("c", "endpoint-c")));

        try (CloudWatchSource s = new CloudWatchSourceProvider().create(config, context, CloudWatchConfigs.TEST_KEYS,
                false)) {
            // 9 per Bedrock model, 8 per SageMaker endpoint
            assertThat(s.cost().metricsPerPoll()).isEqualTo(26);
            assertThat(s.cost().estimatedUsdPerMonth()).isCloseTo(26 * 43_200 * 0.01 / 1000, within(1e-9));
        }
    }
}
