package io.watchfloor.config;

import static io.watchfloor.config.ConfigAssertions.parse;
import static io.watchfloor.config.ConfigAssertions.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvPlaceholdersTest {
    @Test
    void expandsVariablesDefaultsAndEscapesInAnyScalar() throws Exception {
        SourceConfig s = parse("""
                sources:
                  - id: ${ID}
                    type: prom${SUFFIX:-etheus}
                    url: http://${HOST}:${PORT:-9090}/
                    interval: ${EMPTY:-7s}
                    headers: {X-Scope-OrgID: "${TENANT}"}
                    literal: $${NOT_A_VAR} costs $5
                """, Map.of("ID", "prom-main", "HOST", "10.0.0.1", "TENANT", "tenant-a", "EMPTY", "")).sources().get(0);
        assertThat(s.id()).isEqualTo("prom-main");
        assertThat(s.type()).isEqualTo("prometheus");
        assertThat(s.url()).hasToString("http://10.0.0.1:9090/");
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(7));
        assertThat(s.headers()).containsEntry("X-Scope-OrgID", "tenant-a");
        assertThat(s.options()).containsEntry("literal", "${NOT_A_VAR} costs $5");
    }

    @Test
    void authValuesBecomeSecrets() throws Exception {
        SourceConfig s = parse("sources: [{id: a, type: t, auth: {basic: {user: \"${U}\", password: \"${P}\"}}}]",
                Map.of("U", "ops", "P", "pw")).sources().get(0);
        assertThat(s.auth()).isEqualTo(new Auth.Basic("ops", new Secret("pw")));
        assertThat(s.auth().toString()).doesNotContain("pw");
    }

    @Test
    void unsetVariableIsAProblemAtItsScalar() {
        assertThat(problems("""
                sources:
                  - id: prom-main
                    type: prometheus
                    auth: {bearer: "${PROM_TOKEN}"}
                    url: http://${HOST}:${PORT}/
                """)).containsExactly(
                "4:20: sources[0].auth.bearer: environment variable PROM_TOKEN is not set (set it, or give a default as in "
                        + "${PROM_TOKEN:-value})",
                "5:10: sources[0].url: environment variable HOST is not set (set it, or give a default as in ${HOST:-value})",
                "5:10: sources[0].url: environment variable PORT is not set (set it, or give a default as in ${PORT:-value})");
    }

    @Test
    void malformedPlaceholders() {
        assertThat(problems("""
                sources:
                  - id: a
                    type: t
                    x: ${A
                    y: ${1B:-hunter2}
                """)).containsExactly(
                "4:8: sources[0].x: unclosed placeholder \"${\"; expected ${NAME} or ${NAME:-default} (write $${ for a literal ${)",
                "5:8: sources[0].y: \"${1B:-...}\" is not a valid placeholder; expected a variable name of letters, digits "
                        + "and '_', as in ${NAME} or ${NAME:-default}");
    }

    @Test
    void valuesFromTheEnvironmentNeverAppearInProblems() {
        Map<String, String> env = Map.of("IV", "hunter2", "TOKEN", "", "URL", "ftp://hunter2@h/", "H", "a\nhunter2");
        assertThat(problems("""
                sources:
                  - id: a
                    type: t
                    interval: ${IV}
                    auth: {bearer: "${TOKEN}"}
                    url: ${URL}
                    headers: {X-Key: "${H}"}
                """, env)).containsExactly(
                "4:15: sources[0].interval: \"${IV}\" (from the environment) is not a duration; expected a number with a unit "
                        + "such as 500ms, 5s, 10m, 1h, 7d",
                "5:20: sources[0].auth.bearer: is empty after expanding environment variables; expected a token, usually "
                        + "${TOKEN_VAR}",
                "6:10: sources[0].url: \"${URL}\" (from the environment) is not an http or https URL; expected an absolute "
                        + "http or https URL such as http://127.0.0.1:9090",
                "7:22: sources[0].headers.X-Key: contains a line break; expected a single-line header value")
                .noneMatch(p -> p.contains("hunter2"));
    }
}
