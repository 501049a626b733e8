package io.watchfloor.sources.azure;

import io.watchfloor.sources.HandClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.config.Auth;
import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.Position;
import io.watchfloor.config.Secret;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.Source;
import io.watchfloor.model.Thresholds;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.SourceRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class AzureMonitorSourceProviderTest {
    private final HandClock clock = new HandClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final AzureMonitorSourceProvider provider =
            new AzureMonitorSourceProvider(options -> new FakeCredential(clock, Duration.ofHours(1)));

    private List<String> problems(SourceConfig config) {
        return provider.validate(config).stream().map(ConfigProblem::message).toList();
    }

    @Test
    void isAStandardSourceType() {
        assertThat(SourceRegistry.standard().types()).contains("azure-monitor");
        assertThat(provider.type()).isEqualTo("azure-monitor");
    }

    @Test
    void noOptionsAndEveryOptionAreValid() {
        assertThat(problems(AzureConfigs.source(null, Map.of()))).isEmpty();
        assertThat(problems(AzureConfigs.source(URI.create("https://management.usgovcloudapi.net"), Map.of(
                "tenant", "2b8e1c4d-3f5a-4e6b-8c7d-9e0f1a2b3c4d",
                "clientId", "a3f1c2d4-5b6e-4f70-8192-a3b4c5d6e7f8")))).isEmpty();
        assertThat(problems(AzureConfigs.source(null, Map.of("tenant", "contoso.onmicrosoft.com")))).isEmpty();
        assertThat(problems(AzureConfigs.source(URI.create("http://127.0.0.1:8089/"), Map.of()))).isEmpty();
        assertThat(problems(AzureConfigs.source(URI.create("http://localhost:8089"), Map.of()))).isEmpty();
        assertThat(problems(AzureConfigs.source(URI.create("http://[::1]:8089"), Map.of()))).isEmpty();
    }

    @Test
    void badOptionsAreReportedAtTheirLines() {
        List<ConfigProblem> found = provider.validate(AzureConfigs.source(null, Map.of(
                "clientId", "my-identity", "tenant", "not a tenant", "subscription", "x")));

        assertThat(found).extracting(ConfigProblem::position).containsExactlyInAnyOrder(
                new Position(Path.of("watchfloor.yaml"), 12, 7),
                new Position(Path.of("watchfloor.yaml"), 13, 7),
                new Position(Path.of("watchfloor.yaml"), 14, 7));
        assertThat(found).extracting(ConfigProblem::message).anySatisfy(m -> assertThat(m)
                        .isEqualTo("option 'clientId' must be the client id (a GUID) of a user-assigned managed identity,"
                                + " got 'my-identity'"))
                .anySatisfy(m -> assertThat(m).startsWith("option 'tenant' must be a tenant id (a GUID) or a domain"))
                .anySatisfy(m -> assertThat(m).isEqualTo("unknown option 'subscription' for an azure-monitor source;"
                        + " allowed: tenant, clientId"));
    }

    @Test
    void theTokenNeverTravelsInClearToAnotherHost() {
        assertThat(problems(AzureConfigs.source(URI.create("http://management.azure.com"), Map.of())))
                .singleElement().asString().startsWith("url must be https: every request carries an Azure access token");
        assertThat(problems(AzureConfigs.source(URI.create("http://10.0.0.7:8080"), Map.of()))).hasSize(1);
        assertThat(problems(AzureConfigs.source(URI.create("http://127.0.0.1.nip.io"), Map.of()))).hasSize(1);
        assertThat(problems(AzureConfigs.source(URI.create("https://management.azure.com/?x=1"), Map.of()))).hasSize(1);
    }

    @Test
    void authHeadersAndCaFileBelongToOtherSourceTypes() {
        SourceConfig withAuth = AzureConfigs.source(null, Map.of(), new Auth.Bearer(new Secret("t0ken-value")),
                Duration.ofSeconds(60));
        assertThat(problems(withAuth)).singleElement().asString().startsWith("an azure-monitor source takes no auth");

        SourceConfig base = AzureConfigs.source(null, Map.of());
        SourceConfig withExtras = new SourceConfig(base.id(), base.type(), base.interval(), base.timeout(), null,
                Auth.NONE, Map.of("X-Scope-OrgID", "a"), Path.of("ca.pem"), Map.of(), Map.of(), base.position());
        assertThat(problems(withExtras)).containsExactly("an azure-monitor source takes no headers",
                "an azure-monitor source takes no caFile: Azure Resource Manager and Entra ID present publicly"
                        + " trusted certificates");
    }

    @Test
    void theIntervalIsAtLeastAMinute() {
        SourceContext context = new SourceContext(clock, Thresholds.DEFAULTS);
        try (Source fast = provider.create(AzureConfigs.source(null, Map.of(), Auth.NONE, Duration.ofSeconds(10)), context);
             Source slow = provider.create(AzureConfigs.source(null, Map.of(), Auth.NONE, Duration.ofMinutes(5)), context)) {
            assertThat(fast.interval()).isEqualTo(Duration.ofSeconds(60));
            assertThat(fast.type()).isEqualTo("azure-monitor");
            assertThat(fast.id()).isEqualTo("azure");
            assertThat(slow.interval()).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void theDefaultCredentialChainBuildsOnTheJdkHttpClientWithoutNetty() {
        // building it makes no call; a missing transport would fail here, not at the first poll
        SourceContext context = new SourceContext(clock, Thresholds.DEFAULTS);
        try (Source s = new AzureMonitorSourceProvider().create(AzureConfigs.source(null, Map.of(
                "tenant", "contoso.onmicrosoft.com", "clientId", "a3f1c2d4-5b6e-4f70-8192-a3b4c5d6e7f8")), context)) {
            assertThat(s.id()).isEqualTo("azure");
        }
        assertThat(getClass().getClassLoader().getResource("io/netty/channel/Channel.class")).isNull();
    }

    @Test
    void theTokenAudienceIsTheResourceManagerOfTheCloud() {
        assertThat(AzureMonitorSourceProvider.scope(AzureMonitorSourceProvider.DEFAULT_BASE))
                .isEqualTo("https://management.azure.com/.default");
        assertThat(AzureMonitorSourceProvider.scope(HttpUrl.get("https://management.chinacloudapi.cn/")))
                .isEqualTo("https://management.chinacloudapi.cn/.default");
        assertThat(AzureMonitorSourceProvider.scope(HttpUrl.get("http://127.0.0.1:8089/")))
                .isEqualTo("https://management.azure.com/.default");
    }
}
