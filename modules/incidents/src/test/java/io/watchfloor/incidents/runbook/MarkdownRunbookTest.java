package io.watchfloor.incidents.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.watchfloor.model.incident.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownRunbookTest {
    @TempDir
    Path dir;

    @Test
    void readsFrontMatterPhasesRequiredStepsHintsAndIds() throws Exception {
        Files.writeString(dir.resolve("endpoint-down.md"), """
                ---
                id: down
                title: LLM endpoint down
                match:
                  alertname: [EndpointDown, "Blackbox.*Failed"]
                ---

                # LLM endpoint down

                Text for people, with a list that is not a checklist:
                - probes do not go quiet
                - metrics do

                ## detection

                - [ ] **Required** Confirm from a second place {#confirm}
                  ```sh
                  curl -sS -o /dev/null \\
                    -w '%{http_code}\\n' https://ENDPOINT/health
                  ```

                  A note under the step, for people.
                - [x] Read the probe's failure detail
                  hint: `curl 'http://BLACKBOX:9115/probe?debug=true'`
                * [ ] A step whose text goes on
                  on the next line

                ```sh
                # an example at the margin: not a hint, and its lines are not steps
                - [ ] not a step
                ## Not a heading
                ```

                ### Sub-heading inside Detection

                - [ ] **required:** Set the severity
                hint: watchfloor incident list

                ## REMEDIATION ##

                - [ ] **Required**: Verify recovery {#verify}
                - [ ] Fail back (required)
                """);

        RunbookLibrary library = RunbookLibrary.load(dir);

        assertThat(library.problems()).isEmpty();
        Runbook r = library.all().getFirst();
        assertThat(r.id()).isEqualTo("down");
        assertThat(r.title()).isEqualTo("LLM endpoint down");
        assertThat(r.steps()).extracting(RunbookStep::id, RunbookStep::phase, RunbookStep::required, RunbookStep::text)
                .containsExactly(
                        tuple("confirm", Phase.DETECTION, true, "Confirm from a second place"),
                        tuple("read-the-probe-s-failure-detail", Phase.DETECTION, false, "Read the probe's failure detail"),
                        tuple("a-step-whose-text-goes-on-on-the-next-line", Phase.DETECTION, false,
                                "A step whose text goes on on the next line"),
                        tuple("set-the-severity", Phase.DETECTION, true, "Set the severity"),
                        tuple("verify", Phase.REMEDIATION, true, "Verify recovery"),
                        // one convention only: "(required)" at the end is text
                        tuple("fail-back-required", Phase.REMEDIATION, false, "Fail back (required)"));
        assertThat(r.steps()).extracting(RunbookStep::hint).containsExactly(
                "curl -sS -o /dev/null \\\n  -w '%{http_code}\\n' https://ENDPOINT/health",
                "curl 'http://BLACKBOX:9115/probe?debug=true'",
                null,
                "watchfloor incident list",
                null,
                null);
        assertThat(r.matches(Map.of("alertname", "BlackboxProbeFailed"))).isTrue();
        assertThat(r.matches(Map.of("alertname", "EndpointDownX"))).isFalse();
    }

    @Test
    void idDefaultsToTheFileNameAndNoMatchIsGeneric() throws Exception {
        Files.writeString(dir.resolve("generic-postmortem.md"), """
                ---
                title: Postmortem
                ---
                ## Postmortem
                - [ ] Write the timeline
                """);

        RunbookLibrary library = RunbookLibrary.load(dir);

        assertThat(library.problems()).isEmpty();
        assertThat(library.generic()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("generic-postmortem");
            assertThat(r.steps()).extracting(RunbookStep::id).containsExactly("write-the-timeline");
        });
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreRead() throws Exception {
        Files.writeString(dir.resolve("crlf.md"), "\uFEFF---\r\ntitle: T\r\n---\r\n## Detection\r\n- [ ] Check {#c}\r\n"
                + "  hint: ls\r\n");

        RunbookLibrary library = RunbookLibrary.load(dir);

        assertThat(library.problems()).isEmpty();
        assertThat(library.all().getFirst().steps()).extracting(RunbookStep::id, RunbookStep::hint)
                .containsExactly(tuple("c", "ls"));
    }
}
