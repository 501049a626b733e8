package io.watchfloor.config;

import static io.watchfloor.config.ConfigAssertions.FILE;
import static io.watchfloor.config.ConfigAssertions.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.model.Threshold;
import io.watchfloor.model.Thresholds;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheMinimalExampleFromTheIssueWithDefaultsForTheRest() throws Exception {
        WatchfloorConfig config = parse("""
                sources:
                  - id: prom-main
                    type: prometheus
                    url: http://127.0.0.1:9090
                    interval: 5s        # optional, default 10s
                """);

        assertThat(config.file()).isEqualTo(FILE);
        assertThat(config.sources()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("prom-main");
            assertThat(s.type()).isEqualTo("prometheus");
            assertThat(s.url()).isEqualTo(URI.create("http://127.0.0.1:9090"));
            assertThat(s.interval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(s.timeout()).isEqualTo(SourceConfig.DEFAULT_TIMEOUT);
            assertThat(s.auth()).isEqualTo(Auth.NONE);
            assertThat(s.headers()).isEmpty();
            assertThat(s.caFile()).isNull();
            assertThat(s.options()).isEmpty();
            assertThat(s.position()).isEqualTo(new Position(FILE, 2, 5));
        });
        assertThat(config.wall()).isEqualTo(WallConfig.DEFAULTS);
        assertThat(config.cache()).isEqualTo(CacheConfig.DEFAULTS);
    }

    @Test
    void sourceDefaultsApplyWhenOnlyIdAndTypeAreGiven() throws Exception {
        SourceConfig s = parse("sources: [{id: demo, type: demo}]").sources().get(0);
        assertThat(s.interval()).isEqualTo(SourceConfig.DEFAULT_INTERVAL);
        assertThat(s.timeout()).isEqualTo(SourceConfig.DEFAULT_TIMEOUT);
        assertThat(s.url()).isNull();
    }

    @Test
    void readsAFullConfig() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, String> env = Map.of("PROM_TOKEN", "tok-123", "AM_PASSWORD", "pw-456", "CA", ca.toString(),
                "WATCHFLOOR_CACHE_KEY", "k");
        WatchfloorConfig config = parse("""
                sources:
                  - id: prom-main
                    type: prometheus
                    url: https://prom.example.com:9090/prefix
                    interval: 1h30m
                    timeout: 500ms
                    auth: {bearer: "${PROM_TOKEN}"}
                    headers: {X-Scope-OrgID: tenant-a, X-Retries: 3}
                    caFile: ${CA}
                    query: sum(rate(x[5m]))
                  - id: am.eu-1_b
                    type: alertmanager
                    url: http://127.0.0.1:9093
                    auth:
                      basic:
                        user: watchfloor
                        password: ${AM_PASSWORD}
                wall:
                  rotate: 20s
                  staleAfter: 1m
                  minTileWidth: 300
                  thresholds:
                    temp: {warn: 83, crit: 91.5}
                    memory: {warn: 85, crit: 95}
                    cpu: {warn: 70, crit: 80}
                    disk: {warn: 75, crit: 90}
                    heldIdle: {utilBelow: 3, memoryAbove: 20}
                cache:
                  raw: 12h
                  rollupStep: 5m
                  rollupRetention: 30d
                  encryptionKeyEnv: WATCHFLOOR_CACHE_KEY
                endpoints: []
                """, env);

        SourceConfig prom = config.sources().get(0);
        assertThat(prom.url()).isEqualTo(URI.create("https://prom.example.com:9090/prefix"));
        assertThat(prom.interval()).isEqualTo(Duration.ofMinutes(90));
        assertThat(prom.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(prom.auth()).isEqualTo(new Auth.Bearer(new Secret("tok-123")));
        assertThat(prom.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("X-Scope-OrgID", "tenant-a", "X-Retries", "3"));
        assertThat(prom.caFile()).isEqualTo(ca);
        assertThat(prom.options()).containsExactly(Map.entry("query", "sum(rate(x[5m]))"));
        assertThat(prom.positionOf("query")).isEqualTo(new Position(FILE, 10, 5));
        assertThat(prom.positionOf("absent")).isEqualTo(prom.position());

        SourceConfig am = config.sources().get(1);
        assertThat(am.id()).isEqualTo("am.eu-1_b");
        assertThat(am.auth()).isEqualTo(new Auth.Basic("watchfloor", new Secret("pw-456")));
        assertThat(am.position()).isEqualTo(new Position(FILE, 11, 5));

        assertThat(config.wall()).isEqualTo(new WallConfig(new Thresholds(new Threshold(83, 91.5), new Threshold(85, 95),
                new Threshold(70, 80), new Threshold(75, 90), 3, 20), Duration.ofSeconds(20), Duration.ofMinutes(1), 300));
        assertThat(config.cache()).isEqualTo(new CacheConfig(Duration.ofHours(12), Duration.ofMinutes(5),
                Duration.ofDays(30), "WATCHFLOOR_CACHE_KEY"));
        // credentials never print, not even through the records' toString
        assertThat(config.toString()).doesNotContain("tok-123", "pw-456").contains("***");
    }

    @Test
    void emptySectionsAndHalfThresholdsKeepTheirDefaults() throws Exception {
        WatchfloorConfig config = parse(ConfigAssertions.withSource("""
                wall:
                  staleAfter:
                  thresholds:
                    temp: {warn: 85}
                    heldIdle: {memoryAbove: 50}
                cache:
                """));
        Thresholds d = Thresholds.DEFAULTS;
        assertThat(config.wall()).isEqualTo(new WallConfig(new Thresholds(new Threshold(85, 90), d.memPct(), d.cpuPct(),
                d.diskPct(), d.heldIdleUtilPct(), 50), WallConfig.DEFAULTS.rotate(), null, 220));
        assertThat(config.cache()).isEqualTo(CacheConfig.DEFAULTS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void typeSpecificOptionsBecomePlainJavaValuesWithTheirPositions() throws Exception {
        SourceConfig s = parse("""
                sources:
                  - id: gpu-1
                    type: ssh
                    port: 2222
                    hex: 0x1F
                    ratio: 1.5
                    sudo: yes
                    label: "42"
                    user: ${SSH_USER}
                    commands: [nvidia-smi, ~, 7]
                    limits: {cpu: 2, nested: {deep: true}}
                """, Map.of("SSH_USER", "ops")).sources().get(0);

        assertThat(s.options()).containsOnlyKeys("port", "hex", "ratio", "sudo", "label", "user", "commands", "limits");
        assertThat(s.options().get("port")).isEqualTo(2222L);
        assertThat(s.options().get("hex")).isEqualTo(31L);
        assertThat(s.options().get("ratio")).isEqualTo(1.5);
        assertThat(s.options().get("sudo")).isEqualTo(true);
        assertThat(s.options().get("label")).isEqualTo("42");
        assertThat(s.options().get("user")).isEqualTo("ops");
        assertThat((List<Object>) s.options().get("commands")).containsExactly("nvidia-smi", null, 7L);
        assertThat(s.options().get("limits")).isEqualTo(Map.of("cpu", 2L, "nested", Map.of("deep", true)));
        assertThat(s.positionOf("port")).isEqualTo(new Position(FILE, 4, 5));
        assertThat(s.positionOf("limits")).isEqualTo(new Position(FILE, 11, 5));
    }

    @Test
    void mergeKeysShareSettingsBetweenSources() throws Exception {
        List<SourceConfig> sources = parse("""
                sources:
                  - &prom {id: a, type: prometheus, interval: 30s, step: 1m}
                  - <<: *prom
                    id: b
                """).sources();
        assertThat(sources.get(1).id()).isEqualTo("b");
        assertThat(sources.get(1).interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sources.get(1).options()).containsExactly(Map.entry("step", "1m"));
    }

    @Test
    void aFileWithoutSshSectionsHasNoHostsAndNoShellAccess() throws Exception {
        WatchfloorConfig config = parse(ConfigAssertions.withSource(""));
        assertThat(config.bastions()).isEmpty();
        assertThat(config.hosts()).isEmpty();
        assertThat(config.access()).isNull();
    }

    @Test
    void loadResolvesRelativeAndHomePathsOfCaFiles() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
        Path file = Files.writeString(dir.resolve("watchfloor.yaml"), """
                sources:
                  - {id: a, type: prometheus, caFile: ca.pem}
                  - {id: b, type: prometheus, caFile: ~/ca.pem}
                """);
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.toString());
        try {
            WatchfloorConfig config = ConfigLoader.load(file, Map.of());
            assertThat(config.file()).isEqualTo(file);
            assertThat(config.sources()).extracting(SourceConfig::caFile).containsExactly(ca, ca);
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void loadReportsAFileThatIsNotUtf8AsAProblem() throws Exception {
        byte[] latin1 = "sources: [{id: caf\u00e9, type: x}]".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("latin1.yaml"), latin1);
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":1:1: is not UTF-8 text; expected a YAML file saved as UTF-8");
    }

    @Test
    void loadOfAMissingFileIsAnIoError() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml"), Map.of()))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void problemsNameTheRealFile() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "sources: []\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::format)
                        .containsExactly(file + ":1:10: sources: is empty; expected a list of sources, each with at least id and type"));
    }
}
