package io.watchfloor.config;

import static io.watchfloor.config.ConfigAssertions.FILE;
import static io.watchfloor.config.ConfigAssertions.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.endpoint.MaintenanceWindow;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid endpoints:, maintenance: and google auth, and the defaults each key falls back to. */
class EndpointConfigTest {
    private static final String SOURCES = """
            sources:
              - {id: prom-onprem, type: prometheus, url: http://prometheus.internal:9090}
              - {id: aws, type: cloudwatch, region: us-east-1}
              - {id: azure, type: azure-monitor, subscription: 00000000-0000-0000-0000-000000000000}
              - id: gmp
                type: prometheus
                url: https://monitoring.googleapis.com/v1/projects/my-project/location/global/prometheus
                auth: {type: google}
            """;
    private static final String ACCOUNT = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/llm"
            + "/providers/Microsoft.CognitiveServices/accounts/contoso-openai";
    private static final String ONLINE_ENDPOINT = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/llm"
            + "/providers/Microsoft.MachineLearningServices/workspaces/ml/onlineEndpoints/mistral-prod";

    @TempDir
    Path dir;

    @Test
    void readsTheExampleFromTheIssue() throws Exception {
        WatchfloorConfig config = parse(ConfigAssertions.withSource("""
                endpoints:
                  - id: llama-onprem
                    provider: openai-compatible      # also: azure-openai, azure-ml, bedrock, sagemaker, vertex, prometheus
                    url: http://127.0.0.1:8000/v1
                    probe: {interval: 10s, timeout: 5s}
                    sla: {target: 99.5}
                maintenance:
                  - {endpoint: llama-onprem, from: "2026-11-20T02:00:00Z", to: "2026-11-20T03:00:00Z"}
                """));

        EndpointConfig llama = config.endpoint("llama-onprem");
        assertThat(llama.name()).isEqualTo("llama-onprem");
        assertThat(llama.provider()).isEqualTo(Provider.OPENAI_COMPATIBLE);
        assertThat(llama.url()).isEqualTo(URI.create("http://127.0.0.1:8000/v1"));
        assertThat(llama.sourceId()).isNull();
        assertThat(llama.identity()).isEmpty();
        assertThat(llama.customer()).isNull();
        assertThat(llama.sla()).isEqualTo(SlaConfig.DEFAULTS);
        assertThat(llama.position()).isEqualTo(new Position(FILE, 5, 5));
        assertThat(llama.probe()).isEqualTo(new ProbeConfig(ProbeConfig.Kind.MODELS, URI.create("http://127.0.0.1:8000/v1"),
                Duration.ofSeconds(10), Duration.ofSeconds(5), 200, null, null, null, null, null, new Position(FILE, 8, 12)));
        assertThat(config.maintenance()).containsExactly(new MaintenanceWindow("llama-onprem",
                Instant.parse("2026-11-20T02:00:00Z"), Instant.parse("2026-11-20T03:00:00Z"), null));
    }

    @Test
    void readsOneEndpointOfEveryProvider() throws Exception {
        WatchfloorConfig config = parse(SOURCES + """
                endpoints:
                  - id: llama-onprem
                    name: LLaMA 3 70B (on-prem)
                    provider: openai-compatible
                    url: http://gpu-01.internal:8000/v1/
                    source: prom-onprem
                    selector: 'job="vllm",instance="gpu-01:8000"'
                    server: vllm
                    customer: acme
                    probe: {}
                  - id: gpt4o
                    provider: azure-openai
                    resource: %s
                    deployment: gpt-4o
                    source: azure
                  - id: mistral-aml
                    provider: azure-ml
                    resource: %s
                    deployment: blue
                    source: azure
                  - id: claude
                    provider: bedrock
                    model: anthropic.claude-3-haiku-20240307-v1:0
                    region: us-west-2
                    source: aws
                  - id: llama-sm
                    provider: sagemaker
                    endpointName: llama-prod
                    variant: AllTraffic
                    source: aws
                  - id: gemini-tuned
                    provider: vertex
                    endpointId: 1234567890123456789
                    project: my-project
                    location: us-central1
                    source: gmp
                  - id: tgi-blackbox
                    provider: prometheus
                    selector: 'job="blackbox",instance="https://tgi.internal/health"'
                    source: prom-onprem
                """.formatted(ACCOUNT, ONLINE_ENDPOINT));

        assertThat(config.endpoints()).extracting(EndpointConfig::id, EndpointConfig::provider, EndpointConfig::sourceId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("llama-onprem", Provider.OPENAI_COMPATIBLE, "prom-onprem"),
                        org.assertj.core.groups.Tuple.tuple("gpt4o", Provider.AZURE_OPENAI, "azure"),
                        org.assertj.core.groups.Tuple.tuple("mistral-aml", Provider.AZURE_ML, "azure"),
                        org.assertj.core.groups.Tuple.tuple("claude", Provider.BEDROCK, "aws"),
                        org.assertj.core.groups.Tuple.tuple("llama-sm", Provider.SAGEMAKER, "aws"),
                        org.assertj.core.groups.Tuple.tuple("gemini-tuned", Provider.VERTEX, "gmp"),
                        org.assertj.core.groups.Tuple.tuple("tgi-blackbox", Provider.PROMETHEUS, "prom-onprem"));

        EndpointConfig llama = config.endpoint("llama-onprem");
        assertThat(llama.name()).isEqualTo("LLaMA 3 70B (on-prem)");
        assertThat(llama.customer()).isEqualTo("acme");
        // the trailing slash goes, so that probes can append /models
        assertThat(llama.url()).isEqualTo(URI.create("http://gpu-01.internal:8000/v1"));
        assertThat(llama.identity()).isEqualTo(Map.of("selector", "job=\"vllm\",instance=\"gpu-01:8000\"", "server", "vllm"));
        assertThat(llama.probe().kind()).isEqualTo(ProbeConfig.Kind.MODELS);
        assertThat(llama.probe().url()).isEqualTo(llama.url());
        assertThat(llama.probe().interval()).isEqualTo(ProbeConfig.DEFAULT_INTERVAL);
        assertThat(llama.probe().timeout()).isEqualTo(ProbeConfig.DEFAULT_TIMEOUT);

        assertThat(config.endpoint("gpt4o").identity()).isEqualTo(Map.of("resource", ACCOUNT, "deployment", "gpt-4o"));
        assertThat(config.endpoint("gpt4o").url()).isNull();
        assertThat(config.endpoint("gpt4o").probe()).isNull();
        assertThat(config.endpoint("mistral-aml").identity()).isEqualTo(Map.of("resource", ONLINE_ENDPOINT, "deployment", "blue"));
        assertThat(config.endpoint("claude").describe()).isEqualTo("bedrock anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(config.endpoint("claude").identity("region")).isEqualTo("us-west-2");
        assertThat(config.endpoint("llama-sm").identity()).isEqualTo(Map.of("endpointName", "llama-prod", "variant", "AllTraffic"));
        // a long number stays the text written, not a rounded double
        assertThat(config.endpoint("gemini-tuned").identity()).isEqualTo(Map.of("endpointId", "1234567890123456789",
                "project", "my-project", "location", "us-central1"));
        assertThat(config.endpoint("tgi-blackbox").identity("selector"))
                .isEqualTo("job=\"blackbox\",instance=\"https://tgi.internal/health\"");
        assertThat(config.sources().get(3).auth()).isEqualTo(new Auth.Google(List.of(Auth.Google.CLOUD_PLATFORM)));
    }

    @Test
    void readsEveryProbeKeyAndTheSla() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        WatchfloorConfig config = parse(SOURCES + """
                endpoints:
                  - id: llama
                    provider: openai-compatible
                    url: https://llm.internal/v1
                    probe:
                      kind: completion
                      interval: 1m
                      timeout: 1500ms
                      apiKeyEnv: LLM_API_KEY
                      model: meta-llama/Llama-3.1-8B-Instruct
                      caFile: ${CA}
                    sla: {target: 99.9, serverErrorPct: 20, slowP95: 800ms}
                  - id: claude
                    provider: bedrock
                    model: anthropic.claude-3-haiku-20240307-v1:0
                    source: aws
                    probe:
                      url: https://gateway.internal/health
                      expectStatus: 204
                      json: {pointer: /status, equals: ok}
                    sla: {target: 99}
                """, Map.of("CA", ca.toString(), "LLM_API_KEY", "sk-test-123"));

        assertThat(config.endpoint("llama").probe()).isEqualTo(new ProbeConfig(ProbeConfig.Kind.COMPLETION,
                URI.create("https://llm.internal/v1"), Duration.ofMinutes(1), Duration.ofMillis(1500), 200, null, null,
                "LLM_API_KEY", "meta-llama/Llama-3.1-8B-Instruct", ca, new Position(FILE, 14, 7)));
        assertThat(config.endpoint("llama").sla()).isEqualTo(new SlaConfig(99.9, 20, 800));
        // a probe of an endpoint without a url is an http check by default
        assertThat(config.endpoint("claude").probe()).isEqualTo(new ProbeConfig(ProbeConfig.Kind.HTTP,
                URI.create("https://gateway.internal/health"), ProbeConfig.DEFAULT_INTERVAL, ProbeConfig.DEFAULT_TIMEOUT, 204,
                "/status", "ok", null, null, null, new Position(FILE, 26, 7)));
        assertThat(config.endpoint("claude").sla()).isEqualTo(new SlaConfig(99, 50, 5000));
        // the key itself is only in the environment, never in the config objects
        assertThat(config.toString()).doesNotContain("sk-test-123");
    }

    @Test
    void probeShorthands() throws Exception {
        WatchfloorConfig config = parse(ConfigAssertions.withSource("""
                endpoints:
                  - {id: a, provider: openai-compatible, url: http://127.0.0.1:8000/v1, probe: true}
                  - {id: b, provider: openai-compatible, url: http://127.0.0.1:8001/v1, probe:}
                  - {id: c, provider: openai-compatible, url: http://127.0.0.1:8002/v1, probe: false, source: prom-main}
                  - {id: d, provider: openai-compatible, url: http://127.0.0.1:8003/v1, probe: {kind: http}}
                """));
        assertThat(config.endpoint("a").probe().kind()).isEqualTo(ProbeConfig.Kind.MODELS);
        assertThat(config.endpoint("a").probe().position()).isEqualTo(new Position(FILE, 5, 80));
        assertThat(config.endpoint("b").probe().kind()).isEqualTo(ProbeConfig.Kind.MODELS);
        assertThat(config.endpoint("c").probe()).isNull();
        assertThat(config.endpoint("d").probe().kind()).isEqualTo(ProbeConfig.Kind.HTTP);
        assertThat(config.endpoint("d").probe().url()).isEqualTo(URI.create("http://127.0.0.1:8003/v1"));
        assertThat(config.endpoint("d").probe().expectStatus()).isEqualTo(200);
    }

    @Test
    void maintenanceForAllEndpointsWithOffsetsAndReasons() throws Exception {
        WatchfloorConfig config = parse(ConfigAssertions.withSource("""
                endpoints:
                  - {id: llama, provider: openai-compatible, url: http://127.0.0.1:8000/v1, probe: {}}
                maintenance:
                  - endpoint: "*"
                    from: 2026-11-20T03:00:00+01:00
                    to: 2026-11-20T02:30:00.5Z
                    reason: datacentre power work
                  - {endpoint: llama, from: "2026-12-01T00:00Z", to: "2026-12-01T00:15Z", reason: driver upgrade}
                """));
        assertThat(config.maintenance()).containsExactly(
                new MaintenanceWindow(null, Instant.parse("2026-11-20T02:00:00Z"), Instant.parse("2026-11-20T02:30:00.500Z"),
                        "datacentre power work"),
                new MaintenanceWindow("llama", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-01T00:15:00Z"),
                        "driver upgrade"));
        assertThat(config.maintenance().get(0).appliesTo("llama")).isTrue();
    }

    @Test
    void emptySectionsMeanNone() throws Exception {
        WatchfloorConfig config = parse(ConfigAssertions.withSource("endpoints:\nmaintenance: []\n"));
        assertThat(config.endpoints()).isEmpty();
        assertThat(config.maintenance()).isEmpty();
    }

    @Test
    void googleAuthWithOwnScopes() throws Exception {
        WatchfloorConfig config = parse("""
                sources:
                  - id: gmp
                    type: prometheus
                    url: https://monitoring.googleapis.com/v1/projects/p/location/global/prometheus
                    auth:
                      type: google
                      scopes: [https://www.googleapis.com/auth/monitoring.read]
                  - id: gmp2
                    type: prometheus
                    auth: {type: google, scopes: https://www.googleapis.com/auth/monitoring.read}
                """);
        assertThat(config.sources()).extracting(SourceConfig::auth).containsOnly(
                new Auth.Google(List.of("https://www.googleapis.com/auth/monitoring.read")));
    }

    @Test
    void demoSourceMayStandInForAnyProvider() throws Exception {
        WatchfloorConfig config = parse("""
                sources: [{id: demo, type: demo}]
                endpoints:
                  - {id: claude, provider: bedrock, model: anthropic.claude-3-haiku-20240307-v1:0, source: demo}
                """);
        assertThat(config.endpoint("claude").sourceId()).isEqualTo("demo");
    }
}
