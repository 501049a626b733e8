package io.watchfloor.incidents.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a runbook file can be wrong: the file is left out, and each problem names its line and the fix. */
class RunbookProblemsTest {
    @TempDir
    Path dir;

    // ---- YAML ----

    @Test
    void yamlSyntaxError() throws Exception {
        assertThat(problems("a.yaml", """
                id: a
                title: A
                steps:
                  detection:
                    - text: Confirm: the alert
                """)).singleElement().asString()
                .startsWith(file("a.yaml") + ":5: invalid YAML: mapping values are not allowed here; expected valid YAML");
    }

    @Test
    void yamlTabIndentation() throws Exception {
        assertThat(problems("a.yaml", "id: a\ntitle: A\nsteps:\n\tdetection: [x]\n")).containsExactly(
                file("a.yaml") + ":4: invalid YAML: a tab character; expected spaces for indentation");
    }

    @Test
    void unknownPhase() throws Exception {
        assertThat(problems("a.yaml", """
                id: a
                title: A
                steps:
                  detection: [Confirm the alert]
                  triage: [Set severity]
                """)).containsExactly(file("a.yaml") + ":5: steps: unknown phase \"triage\"; expected one of: "
                + "detection, classification, investigation, remediation, postmortem");
    }

    @Test
    void stepWithoutText() throws Exception {
        assertThat(problems("a.yaml", """
                id: a
                title: A
                steps:
                  detection:
                    - {id: one}
                    - {id: two, text: "  "}
                    -
                    - ""
                """)).containsExactly(
                file("a.yaml") + ":5: steps.detection[0]: step without text; expected text: what to do, such as "
                        + "text: Confirm the alert on the wall",
                file("a.yaml") + ":6: steps.detection[1].text: step without text (empty); expected text: what to do, "
                        + "such as text: Confirm the alert on the wall",
                file("a.yaml") + ":7: steps.detection[2]: step without text; expected text: what to do, such as "
                        + "text: Confirm the alert on the wall",
                file("a.yaml") + ":8: steps.detection[3]: step without text (empty); expected text: what to do, such "
                        + "as text: Confirm the alert on the wall");
    }

    @Test
    void duplicateStepIdsAcrossPhases() throws Exception {
        assertThat(problems("a.yaml", """
                id: a
                title: A
                steps:
                  detection:
                    - {id: check, text: Check the wall}
                    - Drain the node
                  remediation:
                    - {id: check, text: Check recovery}
                    - text: Drain the node
                """)).containsExactly(
                file("a.yaml") + ":8: duplicate step id \"check\", first at line 5; expected each step id once in a "
                        + "runbook",
                file("a.yaml") + ":9: duplicate step id \"drain-the-node\" (made from the text), first at line 6; "
                        + "expected each step id once in a runbook: give one of them its own id");
    }

    @Test
    void badRegexAndBadMatch() throws Exception {
        assertThat(problems("a.yaml", """
                id: a
                title: A
                match:
                  alertname: ["GpuXid.*", "Gpu(Ecc"]
                  job: "[unclosed"
                  bad-label: x
                  severity: []
                steps: {detection: [x]}
                """)).containsExactly(
                file("a.yaml") + ":4: match.alertname[1]: \"Gpu(Ecc\" is not a valid regular expression (Unclosed "
                        + "group near index 7); expected a regular expression the whole label value must match, "
                        + "such as \"GpuXid.*\"",
                file("a.yaml") + ":5: match.job: \"[unclosed\" is not a valid regular expression (Unclosed character "
                        + "class near index 8); expected a regular expression the whole label value must match, such as "
                        + "\"GpuXid.*\"",
                file("a.yaml") + ":6: match: \"bad-label\" is not a label name; expected letters, digits and \"_\", "
                        + "such as alertname",
                file("a.yaml") + ":7: match.severity: is an empty list; expected at least one value or regular "
                        + "expression");
    }

    @Test
    void matchNotAMapping() throws Exception {
        assertThat(problems("a.yaml", "id: a\ntitle: A\nmatch: GpuXid.*\nsteps: {detection: [x]}\n")).containsExactly(
                file("a.yaml") + ":3: match: is the value \"GpuXid.*\"; " + RunbookYaml.MATCH_EXPECTED);
    }

    @Test
    void unknownAndDuplicateKeys() throws Exception {
        assertThat(problems("a.yaml", """
                id: a
                title: A
                tittle: B
                steps:
                  detection:
                    - {id: x, text: Check, requried: true}
                title: C
                """)).containsExactly(
                file("a.yaml") + ":3: unknown key \"tittle\"; expected one of: id, title, match, steps",
                file("a.yaml") + ":6: steps.detection[0]: unknown key \"requried\"; expected one of: id, text, "
                        + "required, hint",
                file("a.yaml") + ":7: duplicate key \"title\" (first at line 2); expected each key once");
    }

    @Test
    void requiredMustBeTrueOrFalse() throws Exception {
        assertThat(problems("a.yaml", """
                id: a
                title: A
                steps:
                  detection:
                    - {text: Check, required: maybe}
                """)).containsExactly(
                file("a.yaml") + ":5: steps.detection[0].required: is the value \"maybe\"; expected true or false");
    }

    @Test
    void invalidIds() throws Exception {
        assertThat(problems("a.yaml", """
                id: gpu/xid
                title: A
                steps:
                  detection:
                    - {id: "-x", text: Check}
                """)).containsExactly(
                file("a.yaml") + ":1: id: \"gpu/xid\" is not a valid id; " + Ids.EXPECTED,
                file("a.yaml") + ":5: steps.detection[0].id: \"-x\" is not a valid id; " + Ids.EXPECTED);
        assertThat(problems("my runbook.yaml", "title: A\nsteps: {detection: [x]}\n")).containsExactly(
                file("my runbook.yaml") + ":1: no id, and the file name \"my runbook\" is not a valid id; expected "
                        + "id: followed by letters, digits, \".\", \"_\" or \"-\"");
        assertThat(problems("a.yaml", "title: A\nsteps: {detection: ['!!!']}\n")).containsExactly(
                file("a.yaml") + ":2: steps.detection[0]: no id, and none can be made from the text \"!!!\"; "
                        + "expected id: with letters, digits, \".\", \"_\" or \"-\", starting with a letter or digit, "
                        + "at most 64 characters, such as check-xid");
    }

    @Test
    void missingTitleMissingStepsAndNoSteps() throws Exception {
        assertThat(problems("a.yaml", "id: a\n")).containsExactly(
                file("a.yaml") + ":1: missing key \"title\"; expected a title shown above the checklist, such as "
                        + "title: GPU Xid or ECC error",
                file("a.yaml") + ":1: missing key \"steps\"; expected steps grouped by phase (detection, "
                        + "classification, investigation, remediation, postmortem), such as steps: {detection: "
                        + "[{id: confirm, text: Confirm the alert is real}]}");
        assertThat(problems("a.yaml", "id: a\ntitle: A\nsteps:\n  detection: []\n")).singleElement().asString()
                .startsWith(file("a.yaml") + ":3: steps: has no steps; expected steps grouped by phase");
        assertThat(problems("a.yaml", "id: a\ntitle: A\nsteps:\n  detection: {text: x}\n")).singleElement()
                .asString().startsWith(file("a.yaml") + ":4: steps.detection: is a mapping; expected a list of steps");
    }

    @Test
    void emptyFileListFileAndSecondDocument() throws Exception {
        assertThat(problems("a.yaml", "# nothing yet\n")).containsExactly(
                file("a.yaml") + ":1: the file is empty; expected a runbook with id, title, match and steps");
        assertThat(problems("a.yaml", "- id: a\n")).containsExactly(
                file("a.yaml") + ":1: is a list; expected a runbook: a mapping with id, title, match and steps");
        assertThat(problems("a.yaml", "title: A\nsteps: {detection: [x]}\n---\ntitle: B\n")).singleElement().asString()
                .isEqualTo(file("a.yaml") + ":3: invalid YAML: a second document (after \"---\"); expected one YAML "
                        + "document per file");
    }

    @Test
    void notUtf8() throws Exception {
        Files.write(dir.resolve("a.yaml"), new byte[] {'t', 'i', 't', 'l', 'e', ':', ' ', (byte) 0xE9, '\n'});
        assertThat(RunbookLibrary.load(dir).problems()).containsExactly(
                file("a.yaml") + ":1: is not UTF-8 text; expected a runbook saved as UTF-8");
    }

    @Test
    void duplicateRunbookIdKeepsTheFirstFileByName() throws Exception {
        Files.writeString(dir.resolve("b.md"), "---\nid: gpu\ntitle: B\n---\n## Detection\n- [ ] x\n");
        Files.writeString(dir.resolve("a.yaml"), "\nid: gpu\ntitle: A\nsteps: {detection: [x]}\n");

        RunbookLibrary library = RunbookLibrary.load(dir);

        assertThat(library.all()).extracting(Runbook::title).containsExactly("A");
        assertThat(library.problems()).containsExactly(file("b.md") + ":2: duplicate runbook id \"gpu\" (also in "
                + file("a.yaml") + "); expected each runbook id once in a folder");
    }

    // ---- Markdown ----

    @Test
    void markdownWithoutOrWithUnclosedFrontMatter() throws Exception {
        assertThat(problems("a.md", "# Title\n## Detection\n- [ ] x\n")).containsExactly(file("a.md") + ":1: no front "
                + "matter; expected the file to start with a \"---\" line, then id, title and match as YAML, then "
                + "another \"---\" line");
        assertThat(problems("a.md", "---\ntitle: A\n## Detection\n- [ ] x\n")).containsExactly(file("a.md") + ":1: the "
                + "front matter opened here is not closed; expected a \"---\" line after id, title and match");
    }

    @Test
    void frontMatterProblemsHaveFileLines() throws Exception {
        assertThat(problems("a.md", """
                ---
                title: A
                match:
                  alertname: "Gpu(Xid"
                steps: []
                ---
                ## Detection
                - [ ] x
                """)).containsExactly(
                file("a.md") + ":4: match.alertname: \"Gpu(Xid\" is not a valid regular expression (Unclosed group "
                        + "near index 7); expected a regular expression the whole label value must match, such as "
                        + "\"GpuXid.*\"",
                file("a.md") + ":5: unknown key \"steps\"; expected one of: id, title, match");
        assertThat(problems("a.md", "---\ntitle: A\nmatch: {alertname: [x}\n---\n## Detection\n- [ ] x\n"))
                .singleElement().asString().startsWith(file("a.md") + ":3: invalid YAML: ");
        assertThat(problems("a.md", "---\n---\n## Detection\n- [ ] x\n")).singleElement().asString()
                .startsWith(file("a.md") + ":2: the front matter is empty; expected at least title:");
    }

    @Test
    void unknownPhaseHeadingAndItsSteps() throws Exception {
        assertThat(problems("a.md", """
                ---
                title: A
                ---
                ## Detection
                - [ ] Confirm
                ## Remediaton
                - [ ] Drain the node
                """)).containsExactly(file("a.md") + ":6: unknown phase \"Remediaton\"; expected ## Detection, "
                + "## Classification, ## Investigation, ## Remediation or ## Postmortem (use # or ### for other headings)");
    }

    @Test
    void markdownStepProblems() throws Exception {
        assertThat(problems("a.md", """
                ---
                title: A
                ---
                - [ ] Before any phase
                ## Detection
                - [ ]
                - [ ] **Required**
                - [ ] Check the wall
                  - [ ] nested
                - [ ] Check the wall
                - [ ] Confirm {#bad/id}
                - [ ] Drain {#drain}
                  hint: kubectl drain NODE
                  ```sh
                  kubectl cordon NODE
                  ```
                - [ ] Empty hint
                  hint:
                ## detection
                - [ ] Also {#drain}
                - [ ] Unclosed
                  ```
                  never closed
                """)).containsExactly(
                file("a.md") + ":4: a task item before any phase heading; expected it under ## Detection, "
                        + "## Classification, ## Investigation, ## Remediation or ## Postmortem",
                file("a.md") + ":6: step without text; expected \"- [ ] what to do\" (required steps: \"- [ ] "
                        + "**Required** what to do\")",
                file("a.md") + ":7: step without text; expected \"- [ ] what to do\" (required steps: \"- [ ] "
                        + "**Required** what to do\")",
                file("a.md") + ":9: a nested task item; expected steps as top-level items (\"- [ ]\" at the start of "
                        + "the line), with details in the step's text or hint",
                file("a.md") + ":10: duplicate step id \"check-the-wall\" (made from the text), first at line 8; "
                        + "expected each step id once in a runbook: give one of them its own id",
                file("a.md") + ":11: {#bad/id} is not a valid step id; " + Ids.EXPECTED,
                file("a.md") + ":14: a second hint for the step at line 12 (first at line 13); expected one hint line "
                        + "or one code block per step",
                file("a.md") + ":18: an empty hint; expected a command or a link after \"hint:\" or in the code block",
                file("a.md") + ":19: a second \"## Detection\" section (first at line 5); expected each phase once",
                file("a.md") + ":20: duplicate step id \"drain\", first at line 12; expected each step id once in a "
                        + "runbook",
                file("a.md") + ":22: the code block opened here is not closed; expected a closing ``` line");
    }

    @Test
    void markdownWithoutSteps() throws Exception {
        assertThat(problems("a.md", "---\ntitle: A\n---\n# A\n\nJust prose.\n")).containsExactly(file("a.md")
                + ":4: has no steps; expected task items such as \"- [ ] Confirm the alert is real\" under ## Detection, "
                + "## Classification, ## Investigation, ## Remediation or ## Postmortem");
    }

    @Test
    void aBrokenFileNeverTakesTheOthersDown() throws Exception {
        Files.writeString(dir.resolve("good.yaml"), "title: Good\nsteps: {detection: [Confirm]}\n");
        Files.writeString(dir.resolve("bad.yaml"), "title: [\n");
        Files.writeString(dir.resolve("bad.md"), "no front matter\n");
        Files.writeString(dir.resolve("notes.txt"), "not a runbook: ignored\n");
        Files.writeString(dir.resolve("README.md"), "# About these runbooks: ignored\n");
        Files.writeString(dir.resolve(".draft.yaml"), "an editor's temp file: ignored\n");

        RunbookLibrary library = RunbookLibrary.load(dir);

        assertThat(library.all()).extracting(Runbook::id).containsExactly("good");
        assertThat(library.problems()).containsExactly(
                file("bad.md") + ":1: no front matter; expected the file to start with a \"---\" line, then id, title "
                        + "and match as YAML, then another \"---\" line",
                file("bad.yaml") + ":2: invalid YAML: the text ends inside something still open; expected every [, { "
                        + "and quote closed");
    }

    @Test
    void aMissingFolderIsAProblem() {
        Path missing = dir.resolve("nope");
        RunbookLibrary library = RunbookLibrary.load(missing);
        assertThat(library.all()).isEmpty();
        assertThat(library.problems()).containsExactly(missing + ": is not a directory; expected a folder of runbook "
                + "files (*.yaml, *.yml, *.md)");
    }

    /** The problems of one file read on its own; the file must be left out. */
    private List<String> problems(String name, String text) throws Exception {
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(dir.resolve(name), text);
        RunbookLibrary library = RunbookLibrary.load(dir);
        assertThat(library.all()).as("a file with problems is left out").isEmpty();
        return library.problems();
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }
}
