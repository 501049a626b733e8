package io.watchfloor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config files shipped in assets/config load as they are, so what users copy from them works. */
class ExampleConfigsTest {
    /** "  # - id: x", "  #   type: y", "# endpoints:", "#   - id: z": commented YAML, not commented prose. */
    private static final Pattern COMMENTED_YAML = Pattern.compile("^( *)# ((?:- |  |endpoints:|maintenance:|incidents:|notifications:|customers:|prices:|bastions:|hosts:|access:|roles:).*)$");

    @TempDir
    Path dir;

    @Test
    void endpointsExampleHasOneEndpointPerProviderAndLoads() throws Exception {
        WatchfloorConfig config = ConfigLoader.load(asset("endpoints.example.yaml"), Map.of());

        // cloudwatch and azure-monitor are validated by the sources module's registry, not here
        assertThat(config.sources()).extracting(SourceConfig::id, SourceConfig::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("prom-onprem", "prometheus"),
                org.assertj.core.groups.Tuple.tuple("aws", "cloudwatch"),
                org.assertj.core.groups.Tuple.tuple("azure", "azure-monitor"),
                org.assertj.core.groups.Tuple.tuple("gmp", "prometheus"));
        assertThat(config.sources().get(1).options()).containsEntry("region", "us-east-1");
        assertThat(config.sources().get(3).auth()).isInstanceOf(Auth.Google.class);
        assertThat(config.endpoints()).extracting(EndpointConfig::provider).containsAll(Arrays.asList(Provider.values()));
        assertThat(config.endpoints()).allSatisfy(e -> assertThat(e.identity().keySet())
                .containsAll(e.provider().requiredKeys()));
        assertThat(config.maintenance()).hasSize(2);
        assertThat(config.maintenance().get(1).endpointId()).isNull();
    }

    @Test
    void bundledExampleLoadsWithoutEndpoints() throws Exception {
        WatchfloorConfig config = ConfigLoader.load(asset("watchfloor.example.yaml"), Map.of());
        assertThat(config.endpoints()).isEmpty();
        assertThat(config.maintenance()).isEmpty();
        assertThat(config.customers()).isEmpty();
        assertThat(config.prices()).isEmpty();
        // no SSH: the bundled example must open on any machine
        assertThat(config.hosts()).isEmpty();
        assertThat(config.access()).isNull();
    }

    @Test
    void commentedExamplesInTheBundledConfigAreValidWhenUncommented() throws Exception {
        String uncommented = Files.readAllLines(asset("watchfloor.example.yaml")).stream()
                .map(line -> COMMENTED_YAML.matcher(line).replaceFirst("$1$2"))
                .filter(line -> !line.contains("caFile:")) // names a file of the reader's machine
                .filter(line -> !line.contains("runbooks:")) // so does the runbook folder
                .collect(Collectors.joining("\n", "", "\n"));
        Path file = Files.writeString(dir.resolve("uncommented.yaml"), uncommented);

        WatchfloorConfig config = ConfigLoader.load(file, Map.of("PROM_TOKEN", "t",
                "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/x",
                "TEAMS_WEBHOOK_URL", "https://example.webhook.office.com/workflows/x", "PAGERDUTY_ROUTING_KEY", "k",
                "VAULT_TOKEN", "v"));

        assertThat(config.sources()).extracting(SourceConfig::id)
                .containsExactly("this-machine", "demo", "prom-main", "am", "aws", "azure", "gmp");
        assertThat(config.incidents().user()).isEqualTo("ana");
        assertThat(config.incidents().groupBy()).containsExactly(List.of("alertname"), List.of("service", "host"));
        assertThat(config.notifications()).extracting(NotificationConfig::id)
                .containsExactly("slack-ops", "teams-noc", "pagerduty");
        assertThat(config.endpoints()).extracting(EndpointConfig::provider).containsAll(Arrays.asList(Provider.values()));
        assertThat(config.maintenance()).hasSize(1);
        assertThat(config.customers()).extracting(CustomerConfig::id).containsExactly("acme", "globex");
        assertThat(config.endpointsOf("globex")).extracting(EndpointConfig::id).containsExactly("llama-onprem");
        assertThat(config.prices()).extracting(PriceModel::model)
                .containsExactly("gpt-4o", "claude-3-haiku", "llama-3.1-70b-dedicated");
        assertThat(config.prices().get(2).tableOn(LocalDate.of(2026, 11, 1)).instanceHour())
                .isEqualTo(new BigDecimal("12.40"));
        assertThat(config.bastions()).extracting(BastionConfig::id).containsExactly("bastion");
        assertThat(config.hosts()).extracting(HostConfig::id, HostConfig::bastion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gpu-01", "bastion"));
        assertThat(config.access().signer()).isInstanceOf(SignerConfig.Vault.class);
        assertThat(config.access().roleOf("ana", false)).isEqualTo("lead");
    }

    /** assets/config of this checkout, found upwards from the module directory that tests run in. */
    private static Path asset(String name) throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("assets").resolve("config").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("assets/config/" + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
