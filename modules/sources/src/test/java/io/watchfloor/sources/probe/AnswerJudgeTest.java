package io.watchfloor.sources.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.config.ProbeConfig.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The up/down rules per kind, without a network (the wire tests run the same rules through OkHttp). */
class AnswerJudgeTest {
    private static final String JSON = "application/json";

    private static AnswerJudge.Verdict judge(Probes p, int code, String contentType, String body, boolean key)
            throws Exception {
        ProbeSpec spec = ProbeSpec.of(p.endpoint("e"));
        return AnswerJudge.judge(spec, code, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                key);
    }

    private static Probes http() {
        return Probes.of(Kind.HTTP, "http://h/health");
    }

    @Test
    void httpExpectsItsStatus() throws Exception {
        assertThat(judge(http(), 200, null, "", false)).isEqualTo(new AnswerJudge.Verdict(true, "200 OK"));
        assertThat(judge(http(), 503, null, "", false))
                .isEqualTo(new AnswerJudge.Verdict(false, "HTTP 503 Service Unavailable"));
        assertThat(judge(http().expectStatus(204), 204, null, "", false).up()).isTrue();
        assertThat(judge(http().expectStatus(204), 200, null, "", false))
                .isEqualTo(new AnswerJudge.Verdict(false, "HTTP 200 OK (expected 204)"));
        assertThat(judge(http(), 599, null, "", false).text()).isEqualTo("HTTP 599");
    }

    @Test
    void jsonConditionOnTheBody() throws Exception {
        Probes p = http().json("/status", "ok");

        assertThat(judge(p, 200, JSON, "{\"status\":\"ok\"}", false).up()).isTrue();
        assertThat(judge(p, 200, JSON, "{\"status\":\"degraded\"}", false))
                .isEqualTo(new AnswerJudge.Verdict(false, "JSON /status is \"degraded\", expected \"ok\""));
        assertThat(judge(p, 200, JSON, "{\"state\":\"ok\"}", false).text()).isEqualTo("JSON /status is missing");
        assertThat(judge(p, 200, "text/plain", "ok", false).text())
                .isEqualTo("200 OK but the answer is not JSON, so /status cannot be checked");
    }

    @Test
    void numbersAndBooleansCompareAsText() throws Exception {
        assertThat(judge(http().json("/checks/0/healthy", "true"), 200, JSON,
                "{\"checks\":[{\"healthy\":true}]}", false).up()).isTrue();
        assertThat(judge(http().json("/workers", "3"), 200, JSON, "{\"workers\":3}", false).up()).isTrue();
        assertThat(judge(http().json("/workers", "3"), 200, JSON, "{\"workers\":2}", false).text())
                .isEqualTo("JSON /workers is 2, expected \"3\"");
    }

    @Test
    void aPointerWithoutEqualsOnlyNeedsTheValueToExist() throws Exception {
        assertThat(judge(http().json("/ready", null), 200, JSON, "{\"ready\":false}", false).up()).isTrue();
        assertThat(judge(http().json("/ready", null), 200, JSON, "{}", false).up()).isFalse();
    }

    @Test
    void theStatusIsCheckedBeforeTheBody() throws Exception {
        assertThat(judge(http().json("/status", "ok"), 500, JSON, "{\"status\":\"ok\"}", false).text())
                .isEqualTo("HTTP 500 Internal Server Error");
    }

    @Test
    void modelsCountsTheList() throws Exception {
        Probes p = Probes.of(Kind.MODELS, "http://h/v1");

        assertThat(judge(p, 200, JSON, OpenAiBodies.MODELS_3, false))
                .isEqualTo(new AnswerJudge.Verdict(true, "200 OK · 3 models"));
        assertThat(judge(p, 200, JSON, "{\"object\":\"list\",\"data\":[{\"id\":\"m\"}]}", false).text())
                .isEqualTo("200 OK · 1 model");
        assertThat(judge(p, 200, JSON, "{\"models\":[]}", false))
                .isEqualTo(new AnswerJudge.Verdict(false, "200 OK but no model list (no \"data\" array)"));
        assertThat(judge(p, 200, "text/html; charset=utf-8", "<html><body>Sign in</body></html>", false))
                .isEqualTo(new AnswerJudge.Verdict(false, "200 OK but an HTML page came back, not JSON"));
        assertThat(judge(p, 200, JSON, null, false).text()).isEqualTo("200 OK but the answer is larger than 2 MiB");
    }

    @Test
    void completionNeedsAChoice() throws Exception {
        Probes p = Probes.of(Kind.COMPLETION, "http://h/v1").model("llama");

        assertThat(judge(p, 200, JSON, OpenAiBodies.COMPLETION_1_TOKEN, true))
                .isEqualTo(new AnswerJudge.Verdict(true, "200 OK · llama answered"));
        assertThat(judge(p, 200, JSON, OpenAiBodies.COMPLETION_NO_CHOICES, true))
                .isEqualTo(new AnswerJudge.Verdict(false, "200 OK but no completion (no choices)"));
    }

    @Test
    void rejectedKeyVersusNoKey() throws Exception {
        Probes p = Probes.of(Kind.MODELS, "http://h/v1");

        assertThat(judge(p, 401, JSON, OpenAiBodies.OPENAI_KEY_REJECTED, true))
                .isEqualTo(new AnswerJudge.Verdict(false, "HTTP 401: API key rejected"));
        assertThat(judge(p, 403, JSON, "", true).text()).isEqualTo("HTTP 403: API key rejected");
        assertThat(judge(p, 401, JSON, "", false).text())
                .isEqualTo("HTTP 401 Unauthorized (the probe sends no API key: set probe.apiKeyEnv)");
    }

    @Test
    void theServersErrorMessageIsQuoted() throws Exception {
        Probes p = Probes.of(Kind.COMPLETION, "http://h/v1").model("gpt-x");

        assertThat(judge(p, 404, JSON, OpenAiBodies.MODEL_NOT_FOUND, true).text())
                .isEqualTo("HTTP 404 Not Found: The model `gpt-x` does not exist.");
        assertThat(AnswerJudge.errorDetail(b("{\"error\":\"Model is overloaded\",\"error_type\":\"overloaded\"}")))
                .isEqualTo(": Model is overloaded");
        assertThat(AnswerJudge.errorDetail(b("{\"detail\":\"Not Found\"}"))).isEqualTo(": Not Found");
        assertThat(AnswerJudge.errorDetail(b("<html><h1>502 Bad Gateway</h1></html>"))).isEmpty();
        assertThat(AnswerJudge.errorDetail(null)).isEmpty();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
