package io.watchfloor.config;

import static io.watchfloor.config.ConfigAssertions.parse;
import static io.watchfloor.config.ConfigAssertions.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** ${VAR} may stand unquoted inside { } and [ ], as the issue's {token: ${VAULT_TOKEN}} does. */
class FlowPlaceholdersTest {
    @Test
    void unquotedPlaceholdersInFlowMappingsAndListsAreText() throws Exception {
        WatchfloorConfig config = parse("""
                sources:
                  - {id: a, type: prometheus, auth: {bearer: ${PROM_TOKEN}}, headers: {X-Org: $${literal}}}
                  - &b {id: b, type: t, paths: [${P1:-/x}, plain]}
                """, Map.of("PROM_TOKEN", "tok", "P1", "/p"));

        assertThat(((Auth.Bearer) config.sources().get(0).auth()).token().value()).isEqualTo("tok");
        assertThat(config.sources().get(0).headers()).containsEntry("X-Org", "${literal}");
        assertThat(config.sources().get(1).options()).containsEntry("paths", java.util.List.of("/p", "plain"));
    }

    @Test
    void problemsAfterAPlaceholderKeepTheirColumns() {
        assertThat(problems("sources:\n  - {id: a, type: t, auth: {bearer: ${UNSET}}, interval: 5x}\n")).containsExactly(
                "2:37: sources[0].auth.bearer: environment variable UNSET is not set (set it, or give a default as in "
                        + "${UNSET:-value})",
                "2:58: sources[0].interval: \"5x\" is not a duration; " + Durations.EXPECTED);
    }

    @Test
    void aPlaceholderThatCannotBeTextStillGetsTheQuotingHint() {
        assertThat(problems("sources:\n  - {id: a, type: t, auth: {bearer: ${T:-{x}}}}\n")).singleElement()
                .asString().startsWith("2:").contains("invalid YAML")
                .endsWith("expected placeholders inside { } or [ ] to be quoted, as in {bearer: \"${TOKEN}\"}");
    }
}
