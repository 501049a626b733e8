package io.watchfloor.config;

import static io.watchfloor.config.ConfigAssertions.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** YAML the parser rejects becomes one problem at the parser's position. */
class SyntaxErrorTest {
    @Test
    void tabIndentation() {
        assertThat(problems("sources:\n\t- id: x\n")).containsExactly(
                "2:1: invalid YAML: a tab character; expected spaces for indentation (YAML does not allow tabs there)");
    }

    @Test
    void badIndentation() {
        assertThat(problems("sources:\n  - id: x\n   type: y\n")).containsExactly(
                "3:4: invalid YAML: expected <block end>, but found '<block mapping start>' (while parsing a block collection "
                        + "that starts at line 2, column 3); expected keys of one mapping to start in the same column, and a "
                        + "value that contains \": \" to be quoted");
    }

    @Test
    void unclosedQuote() {
        assertThat(problems("sources:\n  - id: 'x\n")).containsExactly(
                "3:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar that starts at line 2, "
                        + "column 9); expected valid YAML: check indentation, quotes and brackets near this position");
    }

    @Test
    void moreThanOneDocument() {
        assertThat(problems("sources: []\n---\nwall: {}\n")).containsExactly(
                "2:1: invalid YAML: a second document (after \"---\"); expected a single YAML document");
    }
}
