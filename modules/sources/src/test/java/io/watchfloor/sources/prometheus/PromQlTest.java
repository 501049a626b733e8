package io.watchfloor.sources.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void labelMatchersWithOrWithoutBraces() {
        assertThat(PromQl.isMatchers("{job=\"vllm\",instance=\"10.0.0.5:8000\"}")).isTrue();
        assertThat(PromQl.isMatchers(" job = \"vllm\" , instance=~'10\\\\.0\\\\..*', pod!~`x|y`, ")).isTrue();
        assertThat(PromQl.isMatchers("ns!=\"a\\\"b\"")).isTrue();
        assertThat(PromQl.isMatchers("")).isTrue();
        assertThat(PromQl.isMatchers(null)).isTrue();
    }

    @Test
    void notLabelMatchers() {
        assertThat(PromQl.isMatchers("up{job=\"vllm\"}")).isFalse(); // a metric name
        assertThat(PromQl.isMatchers("job=vllm")).isFalse(); // unquoted value
        assertThat(PromQl.isMatchers("job=\"vllm\"(")).isFalse();
        assertThat(PromQl.isMatchers("job=\"vllm\" instance=\"a\"")).isFalse(); // no comma
        assertThat(PromQl.isMatchers("{job=\"vllm\"")).isFalse();
    }

    @Test
    void matchersLoseBracesAndTrailingComma() {
        assertThat(PromQl.matchers(" {job=\"a\",} ")).isEqualTo("job=\"a\"");
        assertThat(PromQl.select("up", "", "job=\"a\"", null, "method=\"POST\"")).isEqualTo("up{job=\"a\",method=\"POST\"}");
        assertThat(PromQl.select("up")).isEqualTo("up");
    }

    @Test
    void quoting() {
        assertThat(PromQl.quote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
        assertThat(PromQl.withLabel("up", "l", "x$1")).isEqualTo("label_replace(up, \"l\", \"x$$1\", \"\", \"\")");
    }
}
