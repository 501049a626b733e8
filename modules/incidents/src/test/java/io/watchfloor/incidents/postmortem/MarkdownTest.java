package io.watchfloor.incidents.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MarkdownTest {
    @Test
    void cellsKeepTheirTextLiteralAndOnOneRow() {
        assertThat(Markdown.cell("a | b")).isEqualTo("a \\| b");
        assertThat(Markdown.cell("line 1\r\nline 2\rline 3\nline 4\n")).isEqualTo("line 1<br>line 2<br>line 3<br>line 4");
        assertThat(Markdown.cell("C:\\temp *x* _y_ `z` [l](u) <b>&amp; ~~s~~ #1"))
                .isEqualTo("C:\\\\temp \\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\<b>\\&amp; \\~\\~s\\~\\~ \\#1");
        assertThat(Markdown.cell(null)).isEmpty();
    }

    @Test
    void inlineTextLosesItsLineBreaks() {
        assertThat(Markdown.inline("two\r\nlines\nhere")).isEqualTo("two lines here");
    }

    @Test
    void durationsReadAsAPersonSaysThem() {
        assertThat(Texts.duration(Duration.ofSeconds(0))).isEqualTo("0 s");
        assertThat(Texts.duration(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(Texts.duration(Duration.ofSeconds(60))).isEqualTo("1 min");
        assertThat(Texts.duration(Duration.ofSeconds(750))).isEqualTo("12 min 30 s");
        assertThat(Texts.duration(Duration.ofMinutes(125).plusSeconds(40))).isEqualTo("2 h 5 min");
        assertThat(Texts.duration(Duration.ofHours(3))).isEqualTo("3 h");
        assertThat(Texts.duration(Duration.ofHours(76).plusMinutes(5))).isEqualTo("3 d 4 h");
        assertThat(Texts.duration(Duration.ofMinutes(-7))).isEqualTo("7 min");
    }

    @Test
    void timesAreUtcToTheSecond() {
        assertThat(Texts.time(Instant.parse("2026-11-23T06:35:17.999Z"))).isEqualTo("2026-11-23 06:35:17");
        assertThat(Texts.timeUtc(Instant.parse("2026-11-23T23:59:59Z"))).isEqualTo("2026-11-23 23:59:59 UTC");
        assertThat(Texts.minutes(630)).isEqualTo("10.5");
    }
}
