package io.watchfloor.sources.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.ProbeConfig;
import io.watchfloor.config.ProbeConfig.Kind;
import io.watchfloor.config.Provider;
import io.watchfloor.config.SlaConfig;
import io.watchfloor.model.SourceException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeSpecTest {

    @Test
    void modelsAndCompletionsHangOffTheV1BaseWithOrWithoutTrailingSlash() throws Exception {
        assertThat(ProbeSpec.of(Probes.of(Kind.MODELS, "http://h:8000/v1").endpoint("e")).target())
                .hasToString("http://h:8000/v1/models");
        assertThat(ProbeSpec.of(Probes.of(Kind.MODELS, "http://h:8000/v1/").endpoint("e")).target())
                .hasToString("http://h:8000/v1/models");
        assertThat(ProbeSpec.of(Probes.of(Kind.COMPLETION, "https://h/openai/v1/").model("m").endpoint("e")).target())
                .hasToString("https://h/openai/v1/completions");
        assertThat(ProbeSpec.of(Probes.of(Kind.HTTP, "http://h:8000/health?full=1").endpoint("e")).target())
                .hasToString("http://h:8000/health?full=1");
    }

    @Test
    void credentialsInTheUrlAreDropped() throws Exception {
        ProbeSpec spec = ProbeSpec.of(Probes.of(Kind.HTTP, "http://user:pw@h/health").endpoint("e"));

        assertThat(spec.target().toString()).doesNotContain("pw").doesNotContain("user");
    }

    @Test
    void defaultsForWhatTheReaderLeftOut() throws Exception {
        // probe: {} under an openai-compatible endpoint with a url
        ProbeConfig bare = new ProbeConfig(null, null, null, null, 0, null, null, null, null, null, null);
        EndpointConfig e = new EndpointConfig("llama", null, Provider.OPENAI_COMPATIBLE,
                URI.create("http://127.0.0.1:8000/v1"), null, Map.of(), bare, SlaConfig.DEFAULTS, null, null);

        ProbeSpec spec = ProbeSpec.of(e);

        assertThat(spec.kind()).isEqualTo(Kind.MODELS);
        assertThat(spec.target()).hasToString("http://127.0.0.1:8000/v1/models");
        assertThat(spec.interval()).isEqualTo(ProbeConfig.DEFAULT_INTERVAL);
        assertThat(spec.timeout()).isEqualTo(ProbeConfig.DEFAULT_TIMEOUT);
        assertThat(spec.expectStatus()).isEqualTo(200);
    }

    @Test
    void aCompletionProbeNeedsAModel() {
        assertThatThrownBy(() -> ProbeSpec.of(Probes.of(Kind.COMPLETION, "http://h/v1").endpoint("e")))
                .isInstanceOf(SourceException.class).hasMessageContaining("probe.model");
    }

    @Test
    void aPointerMustBeRfc6901() {
        assertThatThrownBy(() -> ProbeSpec.of(Probes.of(Kind.HTTP, "http://h/").json("status", "ok").endpoint("e")))
                .isInstanceOf(SourceException.class).hasMessageContaining("'status'").hasMessageContaining("RFC 6901");
    }

    @Test
    void equalsWithoutPointerIsAConfigProblem() {
        assertThatThrownBy(() -> ProbeSpec.of(Probes.of(Kind.HTTP, "http://h/").json(null, "ok").endpoint("e")))
                .isInstanceOf(SourceException.class).hasMessageContaining("jsonPointer");
    }

    @Test
    void noUrlAnywhere() {
        ProbeConfig p = new ProbeConfig(Kind.HTTP, null, Duration.ofSeconds(5), null, 200, null, null, null, null,
                null, null);
        EndpointConfig e = new EndpointConfig("bedrock-haiku", null, Provider.BEDROCK, null, null,
                Map.of("model", "anthropic.claude-3-haiku"), p, SlaConfig.DEFAULTS, null, null);

        assertThatThrownBy(() -> ProbeSpec.of(e)).isInstanceOf(SourceException.class).hasMessageContaining("no url");
    }
}
