package io.watchfloor.sources.cloudwatch;

import static io.watchfloor.sources.cloudwatch.CloudWatchConfigs.ENTRY;
import static io.watchfloor.sources.cloudwatch.CloudWatchConfigs.FILE;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.config.Auth;
import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.Position;
import io.watchfloor.config.Provider;
import io.watchfloor.config.Secret;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Thresholds;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.SourceRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudWatchSourceProviderTest {
    private final CloudWatchSourceProvider provider = new CloudWatchSourceProvider();

    private static Map<String, Object> options(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private List<ConfigProblem> problems(Map<String, Object> options) {
        return provider.validate(CloudWatchConfigs.source(options, Duration.ofSeconds(5)));
    }

    @Test
    void theStandardRegistryKnowsTheType() {
        assertThat(SourceRegistry.standard().types()).contains("cloudwatch");
        assertThat(provider.type()).isEqualTo("cloudwatch");
    }

    @Test
    void theDocumentedEntryIsValid() {
        assertThat(problems(options("region", "us-east-1", "profile", "prod", "period", "60s",
                "endpointUrl", "https://vpce-0abc-monitoring.us-east-1.vpce.amazonaws.com"))).isEmpty();
        assertThat(problems(options("region", "eu-central-2", "period", "5m"))).isEmpty();
        assertThat(problems(options("region", "us-gov-west-1", "period", 300L))).isEmpty();
    }

    @Test
    void regionIsRequired() {
        assertThat(problems(options("profile", "prod"))).containsExactly(
                new ConfigProblem(ENTRY, "a cloudwatch source needs a region, e.g. region: us-east-1"));
    }

    @Test
    void eachBadOptionIsReportedAtItsLine() {
        // positions are assigned in key order: endpointUrl 6, period 7, profile 8, region 9, regoin 10
        List<ConfigProblem> p = problems(options("region", "US East", "profile", "prod profile",
                "endpointUrl", "ftp://x", "period", "90s", "regoin", "us-east-1"));

        assertThat(p).extracting(ConfigProblem::position).extracting(Position::line)
                .containsExactlyInAnyOrder(6, 7, 8, 9, 10);
        assertThat(p).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "unknown option 'regoin' for a cloudwatch source; allowed: region, profile, endpointUrl, period",
                "option 'region' must be an AWS region name such as us-east-1, got US East",
                "option 'profile' must be the name of a profile in ~/.aws/config, such as prod",
                "option 'endpointUrl' must be an absolute http or https URL without credentials, such as "
                        + "https://vpce-0abc-monitoring.us-east-1.vpce.amazonaws.com",
                "option 'period' must be a whole number of minutes from 60s to 24h (CloudWatch keeps AWS/Bedrock and "
                        + "AWS/SageMaker metrics per minute), such as 60s or 5m, got 90s");
    }

    @Test
    void periodsShorterThanAMinuteOrNotWholeMinutesAreRejected() {
        assertThat(problems(options("region", "us-east-1", "period", "30s"))).hasSize(1);
        assertThat(problems(options("region", "us-east-1", "period", "1m30s"))).hasSize(1);
        assertThat(problems(options("region", "us-east-1", "period", "2d"))).hasSize(1);
        assertThat(problems(options("region", "us-east-1", "period", "1h"))).isEmpty();
    }

    @Test
    void httpKeysOfOtherSourcesSayWhatToDoInstead() {
        SourceConfig c = new SourceConfig("aws", "cloudwatch", Duration.ofSeconds(60), Duration.ofSeconds(5),
                URI.create("https://monitoring.us-east-1.amazonaws.com"), new Auth.Bearer(new Secret("t0ken-value")),
                Map.of("X-Scope-OrgID", "a"), null, options("region", "us-east-1"), Map.of(), ENTRY);

        assertThat(provider.validate(c)).extracting(ConfigProblem::message).containsExactly(
                "a cloudwatch source takes no url: it calls the CloudWatch API of its region; use endpointUrl for a "
                        + "VPC endpoint or a test server",
                "a cloudwatch source takes no auth: credentials come from the AWS default chain (environment, "
                        + "profile, SSO, role); name a profile instead",
                "a cloudwatch source takes no headers: its requests are signed by the AWS SDK");
        assertThat(provider.validate(c)).allSatisfy(p -> assertThat(p.position().file()).isEqualTo(FILE));
    }

    @Test
    void pollingFasterThanThePeriodWouldPayTwiceForTheSameDatapoint() {
        SourceConfig c = new SourceConfig("aws", "cloudwatch", Duration.ofSeconds(10), Duration.ofSeconds(5), null,
                Auth.NONE, Map.of(), null, options("region", "us-east-1", "period", "5m"), Map.of(), ENTRY);
        var context = new SourceContext(CloudWatchConfigs.CLOCK, Thresholds.DEFAULTS, List.of());

        try (CloudWatchSource s = provider.create(c, context, CloudWatchConfigs.TEST_KEYS, false)) {
            assertThat(s.interval()).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void withoutEndpointsTheSourceSaysSoAndCallsNothing() throws Exception {
        var context = new SourceContext(CloudWatchConfigs.CLOCK, Thresholds.DEFAULTS, List.of(
                CloudWatchConfigs.endpoint("openai", Provider.AZURE_OPENAI, Map.of("resource", "r", "deployment", "d"))));
        var c = CloudWatchConfigs.source(options("region", "us-east-1", "endpointUrl", "http://127.0.0.1:9"),
                Duration.ofSeconds(5));

        try (CloudWatchSource s = provider.create(c, context, CloudWatchConfigs.TEST_KEYS, false)) {
            PollResult r = s.poll();
            assertThat(r.readings()).isEmpty();
            assertThat(r.requests()).isZero();
            assertThat(r.warnings()).containsExactly(
                    "no bedrock or sagemaker endpoint names source aws (set source: aws on the endpoint)");
        }
    }
}
