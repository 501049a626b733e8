package io.watchfloor.config;

import static io.watchfloor.config.ConfigAssertions.problems;
import static io.watchfloor.config.ConfigAssertions.withSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of mistake, each at its exact line:column, and all of them in one run. */
class ConfigProblemsTest {
    private static final String DURATION = "expected a number with a unit such as 500ms, 5s, 10m, 1h, 7d";
    private static final String URL = "expected an absolute http or https URL such as http://127.0.0.1:9090";
    private static final String AUTH = "expected {bearer: ${TOKEN_VAR}}, {basic: {user: NAME, password: ${PASSWORD_VAR}}} "
            + "or {type: google}";

    @TempDir
    Path dir;

    @Test
    void reportsAllProblemsAtOnceInFileOrder() {
        assertThat(problems("""
                sources:
                  - id: prom-main
                    type: prometheus
                  - id: prom-2
                    type: prometheus
                    interval: 5 seconds
                  - id: prom-main
                    type: prometheus
                    intervall: 5s
                  - type: alertmanager
                wall:
                  rotat: 5s
                colour: blue
                """)).containsExactly(
                "6:15: sources[1].interval: \"5 seconds\" is not a duration; " + DURATION,
                "7:9: sources[2].id: duplicate source id \"prom-main\" (first defined at line 2); expected a unique id per source",
                "9:5: sources[2]: unknown key \"intervall\" (did you mean \"interval\"? expected one of: id, type, url, interval, "
                        + "timeout, auth, headers, caFile, or an option of the source's type)",
                "10:5: sources[3]: missing required key \"id\"",
                "12:3: wall: unknown key \"rotat\" (did you mean \"rotate\"? expected one of: rotate, staleAfter, minTileWidth, "
                        + "thresholds)",
                "13:1: unknown key \"colour\" (expected one of: sources, endpoints, maintenance, wall, cache, incidents, "
                        + "notifications, customers, prices, bastions, hosts, "
                        + "access, roles)");
    }

    @Test
    void exceptionMessageIsTheFirstProblemAndACount() {
        assertThatThrownBy(() -> ConfigAssertions.parse("sources:\n  - {id: a}\n  - {type: b}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("watchfloor.yaml:2:5: sources[0]: missing required key \"type\" (and 1 more)");
    }

    @Test
    void fileShapeProblems() {
        assertThat(problems("")).containsExactly("1:1: the file is empty; expected a mapping with at least a \"sources:\" list");
        assertThat(problems("# just a comment\n"))
                .containsExactly("1:1: the file is empty; expected a mapping with at least a \"sources:\" list");
        assertThat(problems("- a\n- b\n"))
                .containsExactly("1:1: the file is a list; expected a mapping with top-level keys such as sources:");
        assertThat(problems("wall: {}\n"))
                .containsExactly("1:1: missing required key \"sources\"; expected a list of sources, each with at least id and type");
        assertThat(problems("sources:\n")).containsExactly(
                "1:9: sources: has no value; expected a list of sources, each with at least id and type");
        assertThat(problems("sources: []\n"))
                .containsExactly("1:10: sources: is empty; expected a list of sources, each with at least id and type");
        assertThat(problems("sources:\n  id: a\n  type: b\n")).containsExactly("2:3: sources: is a mapping; expected a list of "
                + "sources, each with at least id and type (start each source with \"- \")");
        assertThat(problems("sources:\n  - prom-main\n"))
                .containsExactly("2:5: sources[0]: is the value \"prom-main\"; expected a mapping with at least id and type");
    }

    @Test
    void duplicateAndOddKeys() {
        assertThat(problems("""
                sources:
                  - id: a
                    type: b
                    interval: 5s
                    interval: 6s
                    [x]: 1
                """)).containsExactly(
                "5:5: sources[0]: duplicate key \"interval\" (first defined at line 4); expected each key once",
                "6:5: sources[0]: has a key that is not a name; expected keys such as interval: 5s");
    }

    @Test
    void idAndTypeProblems() {
        assertThat(problems("""
                sources:
                  - id: prom main
                    type: ''
                  - id: [a]
                    type: {x: 1}
                  - id:
                    type: ok
                """)).containsExactly(
                "2:9: sources[0].id: \"prom main\" is not a valid id; expected letters, digits, '.', '_' or '-', such as prom-main",
                "3:11: sources[0].type: is empty; expected a source type such as prometheus",
                "4:9: sources[1].id: is a list; expected an id such as prom-main",
                "5:11: sources[1].type: is a mapping; expected a source type such as prometheus",
                "6:8: sources[2].id: has no value; expected an id such as prom-main");
    }

    @Test
    void urlProblemsHideUserInfo() {
        assertThat(problems("""
                sources:
                  - {id: a, type: t, url: ftp://host/x}
                  - {id: b, type: t, url: /api/v1}
                  - {id: c, type: t, url: "http://ops:hunter2@/x"}
                  - {id: d, type: t, url: "http://a b"}
                """)).containsExactly(
                "2:27: sources[0].url: \"ftp://host/x\" is not an http or https URL; " + URL,
                "3:27: sources[1].url: \"/api/v1\" is not an http or https URL; " + URL,
                "4:27: sources[2].url: \"http://***@/x\" has no valid host name; " + URL,
                "5:27: sources[3].url: \"http://a b\" is not a valid URL (Illegal character in authority); " + URL);
    }

    @Test
    void durationLimits() {
        assertThat(problems("""
                sources:
                  - {id: a, type: t, interval: 500ms, timeout: 0s}
                  - {id: b, type: t, interval: 10, timeout: [5s]}
                """)).containsExactly(
                "2:32: sources[0].interval: \"500ms\" is too short; expected at least 1s",
                "2:48: sources[0].timeout: \"0s\" is too short; expected at least 1ms",
                "3:32: sources[1].interval: \"10\" is not a duration; " + DURATION,
                "3:45: sources[1].timeout: is a list; expected a duration such as 5s");
    }

    @Test
    void caFileMustExistAndBeAFile() throws Exception {
        Files.createDirectory(dir.resolve("certs"));
        Path file = Files.writeString(dir.resolve("w.yaml"), """
                sources:
                  - {id: a, type: t, caFile: missing.pem}
                  - {id: b, type: t, caFile: certs}
                  - {id: c, type: t, caFile: ''}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::format)
                        .containsExactly(
                                file + ":2:30: sources[0].caFile: file \"" + dir.resolve("missing.pem")
                                        + "\" does not exist; expected a readable PEM file with CA certificates",
                                file + ":3:30: sources[1].caFile: \"" + dir.resolve("certs")
                                        + "\" is a directory; expected a readable PEM file with CA certificates",
                                file + ":4:30: sources[2].caFile: is empty; expected a readable PEM file with CA certificates"));
    }

    @Test
    void headerProblems() {
        assertThat(problems("""
                sources:
                  - id: a
                    type: t
                    headers:
                      "X Bad": v
                      X-List: [1]
                      X-Empty:
                  - {id: b, type: t, headers: [X-A]}
                """)).containsExactly(
                "5:7: sources[0].headers: \"X Bad\" is not a valid header name; expected letters, digits and -, such as X-Scope-OrgID",
                "6:15: sources[0].headers.X-List: is a list; expected a header value",
                "7:15: sources[0].headers.X-Empty: has no value; expected a header value",
                "8:31: sources[1].headers: is a list; expected a mapping of header names to values, such as {X-Scope-OrgID: tenant-a}");
    }

    @Test
    void authProblemsNeverQuoteCredentials() {
        assertThat(problems("""
                sources:
                  - {id: a, type: t, auth: {bearer: hunter2, basic: {user: u, password: p}}}
                  - {id: b, type: t, auth: {basic: {password: hunter2}}}
                  - {id: c, type: t, auth: {bearer: [hunter2]}}
                  - {id: d, type: t, auth: hunter2}
                  - {id: e, type: t, auth: {}}
                  - {id: f, type: t, auth: {token: hunter2}}
                  - {id: g, type: t, auth: {bearer: ''}}
                """)).containsExactly(
                "2:28: sources[0].auth: has both bearer and basic; expected exactly one of them",
                "3:36: sources[1].auth.basic: missing required key \"user\"",
                "4:37: sources[2].auth.bearer: is a list; expected a token, usually ${TOKEN_VAR}",
                "5:28: sources[3].auth: is the value \"hunter2\"; " + AUTH,
                "6:28: sources[4].auth: is empty; " + AUTH,
                "7:28: sources[5].auth: is empty; " + AUTH,
                "7:29: sources[5].auth: unknown key \"token\" (expected one of: bearer, basic, type)",
                "8:37: sources[6].auth.bearer: is empty; expected a token, usually ${TOKEN_VAR}");
    }

    @Test
    void optionProblems() {
        assertThat(problems("""
                sources:
                  - id: a
                    type: t
                    step:
                    big: 99999999999999999999
                    path: /metrics
                """)).containsExactly(
                "4:10: sources[0].step: has no value; expected a value, or remove the key",
                "5:10: sources[0].big: \"99999999999999999999\" is too large; expected a whole number from "
                        + "-9223372036854775808 to 9223372036854775807 (quote it to keep it as text)");
    }

    @Test
    void wallProblems() {
        assertThat(problems(withSource("""
                wall:
                  rotate: 0s
                  staleAfter: soon
                  minTileWidth: wide
                  thresholds:
                    temp: {warn: 95}
                    memory: {warn: 150, crit: 98}
                    cpu: {warn: 99, crit: 90}
                    disk: 85
                    heldIdle: {utilBelow: x, memoryAbove: -1}
                    gpu: {}
                """))).containsExactly(
                "5:11: wall.rotate: \"0s\" is too short; expected at least 1s",
                "6:15: wall.staleAfter: \"soon\" is not a duration; " + DURATION,
                "7:17: wall.minTileWidth: \"wide\" is not a whole number; expected a width in pixels such as 220",
                "9:11: wall.thresholds.temp: warn (95) is above crit (90, the default); expected warn <= crit",
                "10:20: wall.thresholds.memory.warn: \"150\" is out of range; expected a percentage from 0 to 100",
                "11:10: wall.thresholds.cpu: warn (99) is above crit (90); expected warn <= crit",
                "12:11: wall.thresholds.disk: is the value \"85\"; expected a mapping such as {warn: 85, crit: 95}",
                "13:27: wall.thresholds.heldIdle.utilBelow: \"x\" is not a number; expected a percentage from 0 to 100",
                "13:43: wall.thresholds.heldIdle.memoryAbove: \"-1\" is out of range; expected a percentage from 0 to 100",
                "14:5: wall.thresholds: unknown key \"gpu\" (did you mean \"cpu\"? expected one of: temp, memory, cpu, disk, heldIdle)");
    }

    @Test
    void temperatureInFahrenheitIsCaught() {
        assertThat(problems(withSource("wall: {thresholds: {temp: {warn: 176, crit: 194}}}\n"))).containsExactly(
                "4:34: wall.thresholds.temp.warn: \"176\" is out of range; expected a temperature in °C from 0 to 150",
                "4:45: wall.thresholds.temp.crit: \"194\" is out of range; expected a temperature in °C from 0 to 150");
    }

    @Test
    void cacheProblems() {
        assertThat(problems(withSource("""
                cache:
                  raw: forever
                  rollupStep: 8d
                  encryptionKeyEnv: "c2VjcmV0LWtleQ=="
                  retention: 7d
                """))).containsExactly(
                "5:8: cache.raw: \"forever\" is not a duration; " + DURATION,
                "6:15: cache.rollupStep: 8d is not shorter than rollupRetention (7d); expected a step shorter than the retention",
                "7:21: cache.encryptionKeyEnv: is not an environment variable name; expected the name (letters, digits, '_') "
                        + "of the variable that holds the key, such as WATCHFLOOR_CACHE_KEY, not the key itself",
                "8:3: cache: unknown key \"retention\" (did you mean \"rollupRetention\"? expected one of: raw, rollupStep, "
                        + "rollupRetention, encryptionKeyEnv)");
        assertThat(problems(withSource("cache: {encryptionKeyEnv: WF_KEY}\n"))).containsExactly(
                "4:27: cache.encryptionKeyEnv: environment variable WF_KEY is not set; expected it to hold the cache encryption key");
    }

    @Test
    void sectionsOfTheWrongShape() {
        assertThat(problems(withSource("wall: [a]\ncache: 6h\n"))).containsExactly(
                "4:7: wall: is a list; expected a mapping with keys such as rotate and thresholds",
                "5:8: cache: is the value \"6h\"; expected a mapping with keys such as raw and rollupRetention");
    }

    @Test
    void misspeltTopLevelKeysGetASuggestion() {
        assertThat(problems(withSource("endpoint: []\nincident: []\nbastion: []\n"))).containsExactly(
                "4:1: unknown key \"endpoint\" (did you mean \"endpoints\"? expected one of: sources, endpoints, "
                        + "maintenance, wall, cache, incidents, notifications, customers, prices, bastions, hosts, "
                        + "access, roles)",
                "5:1: unknown key \"incident\" (did you mean \"incidents\"? expected one of: sources, endpoints, "
                        + "maintenance, wall, cache, incidents, notifications, customers, prices, bastions, hosts, "
                        + "access, roles)",
                "6:1: unknown key \"bastion\" (did you mean \"bastions\"? expected one of: sources, endpoints, "
                        + "maintenance, wall, cache, incidents, notifications, customers, prices, bastions, hosts, "
                        + "access, roles)");
    }
}
