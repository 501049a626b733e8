package io.watchfloor.config;

import static io.watchfloor.config.ConfigAssertions.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every mistake in endpoints:, maintenance: and google auth, each at its exact line:column. */
class EndpointProblemsTest {
    /** Line 1-4: one source of each type an endpoint can name. */
    private static final String SOURCES = """
            sources:
              - {id: prom-main, type: prometheus}
              - {id: aws, type: cloudwatch, region: us-east-1}
              - {id: azure, type: azure-monitor, subscription: s}
            """;
    private static final String PROVIDERS = "openai-compatible, azure-openai, azure-ml, bedrock, sagemaker, vertex, prometheus";
    private static final String COMMON = "id, name, provider, url, source, probe, sla, customer";
    private static final String TIME = "expected an ISO-8601 time with Z or an offset, such as 2026-11-20T02:00:00Z or "
            + "2026-11-20T03:00:00+01:00";
    private static final String ACCOUNT = "/subscriptions/s/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/a";

    @Test
    void misspeltKeysGetSuggestionsAndNoSecondProblem() {
        assertThat(problems(SOURCES + """
                endpoints:
                  - id: llama
                    provder: openai-compatible
                    url: http://127.0.0.1:8000/v1
                    probe: {}
                  - id: gpt4o
                    provider: azure-openai
                    resource: %s
                    deploymnt: gpt-4o
                    source: azure
                    sla: {targt: 99}
                    prob: {}
                """.formatted(ACCOUNT))).containsExactly(
                // without a valid provider, the identity keys of every provider are accepted (no cascade)
                "7:5: endpoints[0]: unknown key \"provder\" (did you mean \"provider\"? expected one of: " + COMMON
                        + ", selector, server, resource, deployment, model, region, endpointName, variant, endpointId, "
                        + "project, location)",
                "13:5: endpoints[1]: unknown key \"deploymnt\" (did you mean \"deployment\"? expected one of: " + COMMON
                        + ", resource, deployment)",
                "15:11: endpoints[1].sla: unknown key \"targt\" (did you mean \"target\"? expected one of: target, "
                        + "serverErrorPct, slowP95)",
                "16:5: endpoints[1]: unknown key \"prob\" (did you mean \"probe\"? expected one of: " + COMMON
                        + ", resource, deployment)");
    }

    @Test
    void aMisspeltCopyOfAPresentKeyDoesNotHideIt() {
        assertThat(problems(SOURCES + """
                endpoints:
                  - {id: claude, idd: x, provider: bedrock, model: m, source: aws}
                  - {id: claude, provider: bedrock, model: m, source: aws}
                """)).containsExactly(
                "6:18: endpoints[0]: unknown key \"idd\" (did you mean \"id\"? expected one of: " + COMMON + ", model, region)",
                "7:10: endpoints[1].id: duplicate endpoint id \"claude\" (first defined at line 6); expected a unique id "
                        + "per endpoint");
    }

    @Test
    void providerProblems() {
        assertThat(problems(SOURCES + """
                endpoints:
                  - {id: a, provider: bedrok, model: m, source: aws}
                  - {id: b, source: aws}
                  - {id: c, provider: [bedrock]}
                  - {id: d, provider: bedrock, model: m, source: aws, deployment: x}
                """)).containsExactly(
                "6:23: endpoints[0].provider: \"bedrok\" is not a provider (did you mean \"bedrock\"?); expected one of: "
                        + PROVIDERS,
                "7:5: endpoints[1]: missing required key \"provider\"; expected one of: " + PROVIDERS,
                "8:23: endpoints[2].provider: is a list; expected one of: " + PROVIDERS,
                // an identity key of another provider is not silently ignored
                "9:55: endpoints[3]: unknown key \"deployment\" (expected one of: " + COMMON + ", model, region)");
    }

    @Test
    void idProblems() {
        assertThat(problems(SOURCES + """
                endpoints:
                  - {id: llama, provider: openai-compatible, url: http://127.0.0.1:8000/v1, probe: {}}
                  - {id: llama, provider: openai-compatible, url: http://127.0.0.1:8001/v1, probe: {}}
                  - {id: llama 2, provider: openai-compatible, url: http://127.0.0.1:8002/v1, probe: {}}
                  - {provider: openai-compatible, url: http://127.0.0.1:8003/v1, probe: {}}
                  - llama
                """)).containsExactly(
                "7:10: endpoints[1].id: duplicate endpoint id \"llama\" (first defined at line 6); expected a unique id "
                        + "per endpoint",
                "8:10: endpoints[2].id: \"llama 2\" is not a valid id; expected letters, digits, '.', '_' or '-', such as "
                        + "llama-onprem",
                "9:5: endpoints[3]: missing required key \"id\"",
                "10:5: endpoints[4]: is the value \"llama\"; expected a mapping with at least id and provider");
    }

    @Test
    void missingIdentityKeys() {
        assertThat(problems(SOURCES + """
                endpoints:
                  - {id: a, provider: azure-openai, resource: %s, source: azure}
                  - {id: b, provider: bedrock, source: aws}
                  - {id: c, provider: sagemaker, variant: AllTraffic, source: aws}
                  - {id: d, provider: prometheus, source: prom-main, selector: ''}
                """.formatted(ACCOUNT))).containsExactly(
                "6:5: endpoints[0]: missing required key \"deployment\"; expected resource and deployment for provider "
                        + "azure-openai",
                "7:5: endpoints[1]: missing required key \"model\"; expected model for provider bedrock",
                "8:5: endpoints[2]: missing required key \"endpointName\"; expected endpointName for provider sagemaker",
                "9:64: endpoints[3].selector: is empty; expected PromQL label matchers such as "
                        + "job=\"vllm\",instance=\"gpu-01:8000\"");
    }

    @Test
    void sourceProblems() {
        assertThat(problems(SOURCES + """
                endpoints:
                  - {id: a, provider: bedrock, model: m}
                  - {id: b, provider: bedrock, model: m, source: awz}
                  - {id: c, provider: bedrock, model: m, source: prom-main}
                  - {id: d, provider: azure-ml, resource: r, source: aws}
                  - {id: e, provider: openai-compatible, url: http://127.0.0.1:8000/v1, source: azure}
                  - {id: f, provider: vertex, endpointId: "1", source: nowhere}
                """)).containsExactly(
                "6:5: endpoints[0]: missing required key \"source\"; expected the id of a cloudwatch source (under "
                        + "sources:) that reads bedrock metrics",
                "7:50: endpoints[1].source: no source has id \"awz\" (did you mean \"aws\"?); expected the id of a "
                        + "cloudwatch source under sources:",
                "8:50: endpoints[2].source: \"prom-main\" is a prometheus source; expected the id of a cloudwatch source, "
                        + "which reads bedrock metrics",
                "9:54: endpoints[3].source: \"aws\" is a cloudwatch source; expected the id of an azure-monitor source, "
                        + "which reads azure-ml metrics",
                "10:81: endpoints[4].source: \"azure\" is an azure-monitor source; expected the id of a prometheus source, "
                        + "which reads openai-compatible metrics",
                "11:56: endpoints[5].source: no source has id \"nowhere\"; expected the id of a prometheus source under "
                        + "sources:");
    }

    @Test
    void urlProblems() {
        assertThat(problems(SOURCES + """
                endpoints:
                  - {id: a, provider: openai-compatible, probe: {}}
                  - {id: b, provider: openai-compatible, url: http://127.0.0.1:8000/v1}
                  - {id: c, provider: openai-compatible, url: http://127.0.0.1:8000/v1/chat/completions, probe: {}}
                  - {id: d, provider: openai-compatible, url: ftp://host/v1, probe: {}}
                """)).containsExactly(
                "6:5: endpoints[0]: missing required key \"url\"; expected the base URL of the OpenAI-compatible API, "
                        + "such as http://127.0.0.1:8000/v1",
                "7:5: endpoints[1]: has neither a probe nor a source, so nothing would watch it; expected probe: {} "
                        + "(the console calls its url) or source: the id of a prometheus source with its metrics",
                "8:47: endpoints[2].url: ends in /chat/completions; expected the base URL of the API, such as "
                        + "http://127.0.0.1:8000/v1 (the probe adds /chat/completions itself)",
                "9:47: endpoints[3].url: \"ftp://host/v1\" is not an http or https URL; expected an absolute http or https "
                        + "URL such as http://127.0.0.1:8000/v1");
    }

    @Test
    void probeProblems() {
        assertThat(problems(SOURCES + """
                endpoints:
                  - id: a
                    provider: openai-compatible
                    url: http://127.0.0.1:8000/v1
                    probe: {kind: model, intervall: 5s}
                  - id: b
                    provider: openai-compatible
                    url: http://127.0.0.1:8000/v1
                    probe: {interval: 10s, timeout: 10s, expectStatus: 700, json: {pointer: /status}}
                  - id: c
                    provider: bedrock
                    model: m
                    source: aws
                    probe: {interval: 3s, json: {pointer: status}, model: x}
                  - id: d
                    provider: openai-compatible
                    url: http://127.0.0.1:8000/v1
                    probe: {kind: completion, interval: 500ms}
                  - {id: e, provider: openai-compatible, url: http://127.0.0.1:8000/v1, probe: yes please}
                """)).containsExactly(
                "9:19: endpoints[0].probe.kind: \"model\" is not a probe kind (did you mean \"models\"?); expected one of: "
                        + "http, models, completion",
                "9:26: endpoints[0].probe: unknown key \"intervall\" (did you mean \"interval\"? expected one of: kind, url, "
                        + "interval, timeout, expectStatus, json, apiKeyEnv, model, caFile)",
                "13:37: endpoints[1].probe.timeout: 10s is not shorter than interval (10s); expected a timeout shorter than "
                        + "the interval",
                "13:56: endpoints[1].probe.expectStatus: \"700\" is out of range; expected an HTTP status from 100 to 599, "
                        + "such as 200",
                "13:67: endpoints[1].probe.json: is checked by http probes only, and this probe's kind is models (the "
                        + "default for an openai-compatible endpoint with a url); expected kind: http, or no json",
                "18:12: endpoints[2].probe: missing required key \"url\"; expected the URL to probe, because the endpoint "
                        + "has no url",
                "18:23: endpoints[2].probe.interval: 3s is not longer than timeout (5s, the default); expected an interval "
                        + "longer than the timeout",
                "18:43: endpoints[2].probe.json.pointer: \"status\" does not start with \"/\"; expected a JSON pointer such "
                        + "as /status or /data/0/id",
                "18:59: endpoints[2].probe.model: is used by completion probes only, and this probe's kind is http (the "
                        + "default); expected kind: completion, or no model",
                "22:12: endpoints[3].probe: missing required key \"model\"; expected the model a completion probe asks "
                        + "for one token, such as meta-llama/Llama-3.1-8B-Instruct",
                "22:41: endpoints[3].probe.interval: \"500ms\" is too short; expected at least 1s",
                "23:80: endpoints[4].probe: is the value \"yes please\"; expected a mapping such as {interval: 30s, "
                        + "timeout: 5s}, or {} for the defaults");
    }

    @Test
    void apiKeyEnvMustNameASetVariable() {
        String yaml = SOURCES + """
                endpoints:
                  - {id: a, provider: openai-compatible, url: http://127.0.0.1:8000/v1, probe: {apiKeyEnv: LLAMA_API_KEY}}
                  - {id: b, provider: openai-compatible, url: http://127.0.0.1:8000/v1, probe: {apiKeyEnv: sk-abc123}}
                """;
        assertThat(problems(yaml)).containsExactly(
                "6:92: endpoints[0].probe.apiKeyEnv: environment variable LLAMA_API_KEY is not set; expected it to hold "
                        + "the API key the probe sends",
                // not quoted: what is written there may be the key itself
                "7:92: endpoints[1].probe.apiKeyEnv: is not an environment variable name; expected the name (letters, "
                        + "digits, '_') of the variable that holds the API key, such as LLM_API_KEY, not the key itself");
        assertThat(problems(yaml, Map.of("LLAMA_API_KEY", ""))).first().isEqualTo(
                "6:92: endpoints[0].probe.apiKeyEnv: environment variable LLAMA_API_KEY is empty; expected it to hold "
                        + "the API key the probe sends");
        assertThat(problems(yaml, Map.of("LLAMA_API_KEY", "sk-live"))).hasSize(1);
    }

    @Test
    void slaProblems() {
        assertThat(problems(SOURCES + """
                endpoints:
                  - id: a
                    provider: bedrock
                    model: m
                    source: aws
                    sla: {target: 100, serverErrorPct: 101, slowP95: fast}
                  - {id: b, provider: bedrock, model: m, source: aws, sla: {target: 0}}
                  - {id: c, provider: bedrock, model: m, source: aws, sla: 99.5}
                """)).containsExactly(
                "10:19: endpoints[0].sla.target: \"100\" is out of range; expected a percentage above 0 and below 100, "
                        + "such as 99.5",
                "10:40: endpoints[0].sla.serverErrorPct: \"101\" is out of range; expected a percentage from 0 to 100",
                "10:54: endpoints[0].sla.slowP95: \"fast\" is not a duration; expected a number with a unit such as "
                        + "500ms, 5s, 10m, 1h, 7d",
                "11:69: endpoints[1].sla.target: \"0\" is out of range; expected a percentage above 0 and below 100, "
                        + "such as 99.5",
                "12:60: endpoints[2].sla: is the value \"99.5\"; expected a mapping such as {target: 99.5}");
    }

    @Test
    void maintenanceProblems() {
        assertThat(problems(SOURCES + """
                endpoints:
                  - {id: llama-onprem, provider: openai-compatible, url: http://127.0.0.1:8000/v1, probe: {}}
                maintenance:
                  - {endpoint: llama-onprm, from: "2026-11-20T02:00:00Z", to: "2026-11-20T03:00:00Z"}
                  - {endpoint: "*", from: "2026-11-20T02:00:00", to: "2026-11-20"}
                  - {endpoint: llama-onprem, from: "2026-11-20T03:00:00Z", to: "2026-11-20T03:00:00+01:00"}
                  - {endpoint: llama-onprem, from: tonight, until: "2026-11-20T03:00:00Z"}
                  - tomorrow
                """)).containsExactly(
                "8:16: maintenance[0].endpoint: no endpoint has id \"llama-onprm\" (did you mean \"llama-onprem\"?); "
                        + "expected the id of an entry under endpoints:, or \"*\" for every endpoint",
                "9:27: maintenance[1].from: \"2026-11-20T02:00:00\" has no time zone; " + TIME,
                "9:54: maintenance[1].to: \"2026-11-20\" is a date without a time; " + TIME,
                // 03:00+01:00 is 02:00Z: before the start, though it reads later
                "10:64: maintenance[2].to: \"2026-11-20T03:00:00+01:00\" is not after from (\"2026-11-20T03:00:00Z\"); "
                        + "expected the end of the window after its start",
                "11:5: maintenance[3]: missing required key \"to\"; " + TIME,
                "11:36: maintenance[3].from: \"tonight\" is not a time; " + TIME,
                "11:45: maintenance[3]: unknown key \"until\" (expected one of: endpoint, from, to, reason)",
                "12:5: maintenance[4]: is the value \"tomorrow\"; expected a mapping with endpoint, from and to");
    }

    @Test
    void maintenanceMayNameAnEndpointThatHasOtherProblems() {
        // the endpoint's own problem is enough; the window naming it is not reported as well
        assertThat(problems(SOURCES + """
                endpoints:
                  - {id: claude, provider: bedrock, source: aws}
                maintenance:
                  - {endpoint: claude, from: "2026-11-20T02:00:00Z", to: "2026-11-20T03:00:00Z"}
                """)).containsExactly("6:5: endpoints[0]: missing required key \"model\"; expected model for provider bedrock");
    }

    @Test
    void sectionsOfTheWrongShape() {
        assertThat(problems(SOURCES + """
                endpoints:
                  id: a
                maintenance: {endpoint: a}
                """)).containsExactly(
                "6:3: endpoints: is a mapping; expected a list of endpoints, each with at least id and provider (start "
                        + "each endpoint with \"- \")",
                "7:14: maintenance: is a mapping; expected a list of windows, each with endpoint, from and to (start each "
                        + "window with \"- \")");
    }

    @Test
    void googleAuthProblems() {
        assertThat(problems("""
                sources:
                  - {id: a, type: prometheus, auth: {type: aws}}
                  - {id: b, type: prometheus, auth: {type: google, scopes: []}}
                  - {id: c, type: prometheus, auth: {type: google, scopes: [ok, '']}}
                  - {id: d, type: prometheus, auth: {type: google, bearer: x}}
                  - {id: e, type: prometheus, auth: {type: google, scope: x}}
                """)).containsExactly(
                "2:44: sources[0].auth.type: \"aws\" is not an auth type; expected one of: google (bearer and basic are "
                        + "written as {bearer: ...} and {basic: {...}})",
                "3:60: sources[1].auth.scopes: is empty; expected a list of OAuth scopes such as "
                        + "[https://www.googleapis.com/auth/cloud-platform], or no scopes key for that default",
                "4:65: sources[2].auth.scopes[1]: is empty; expected a list of OAuth scopes such as "
                        + "[https://www.googleapis.com/auth/cloud-platform]",
                "5:52: sources[3].auth: unknown key \"bearer\" (expected one of: type, scopes)",
                "6:52: sources[4].auth: unknown key \"scope\" (did you mean \"scopes\"? expected one of: type, scopes)");
    }
}
