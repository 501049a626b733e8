package io.watchfloor.sources.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text exposition format, on the real dcgm-exporter captures in shared/fixtures/dcgm-exporter. */
class ExpositionParserTest {
    static final String L4 = "metrics-1xL4-driver580.105.08-aws-kops.prom";
    static final String L40S = "metrics-1xL40S-driver595.58.03-upcloud.prom";
    static final String H100 = "metrics-8xH100-driver580.105.08-eks-sampled-subset.prom";
    static final String T4 = "metrics-TeslaT4-driver460-470-mixed-datadog-fixture.prom";

    @ParameterizedTest
    @CsvSource({L4 + ",23", L40S + ",23", H100 + ",30", T4 + ",38"})
    void everyCaptureParsesCompletely(String file, int samples) {
        assertThat(ExpositionParser.parse(Fixtures.dcgm(file))).hasSize(samples)
                .allSatisfy(s -> assertThat(s.name()).startsWith("DCGM_FI_"));
    }

    @Test
    void labelsAndGoFloatValues() {
        ExpositionParser.Sample power = find(ExpositionParser.parse(Fixtures.dcgm(L4)), "DCGM_FI_DEV_POWER_USAGE");
        assertThat(power.value()).isEqualTo(16.365);
        assertThat(power.timestampMillis()).isEmpty();
        assertThat(power.labels()).containsExactly(
                entry("gpu", "0"), entry("UUID", "GPU-c2f76b33-7953-256e-8f33-1343419b1a1c"),
                entry("pci_bus_id", "00000000:31:00.0"), entry("device", "nvidia0"), entry("modelName", "NVIDIA L4"),
                entry("Hostname", "i-030791dc5a37cd257"), entry("DCGM_FI_DRIVER_VERSION", "580.105.08"));
    }

    @Test
    void bigCounterKeepsItsValue() {
        assertThat(find(ExpositionParser.parse(Fixtures.dcgm(L40S)), "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION").value())
                .isEqualTo(5551899580.0);
    }

    @Test
    void emptyLabelValuesAreKept() {
        ExpositionParser.Sample temp = ExpositionParser.parse(Fixtures.dcgm(H100)).get(0);
        assertThat(temp.labels()).containsEntry("pod_uid", "").containsEntry("pod", "vllm-agg-0-vllmdecodeworker-s65j5");
        assertThat(temp.value()).isEqualTo(30.0);
    }

    /** The DataDog file has unlabelled samples, HELP lines without text and "# NOTE" comments. */
    @Test
    void unlabelledSamplesAndOddComments() {
        List<ExpositionParser.Sample> samples = ExpositionParser.parse(Fixtures.dcgm(T4));
        ExpositionParser.Sample fan = find(samples, "DCGM_FI_DEV_FAN_SPEED");
        assertThat(fan.labels()).isEmpty();
        assertThat(fan.value()).isZero();
        assertThat(find(samples, "DCGM_FI_DEV_POWER_USAGE").value()).isEqualTo(8.969);
        assertThat(samples.get(samples.size() - 1).value()).isEqualTo(0.000003); // file ends without a newline
    }

    /** A real L4 line with escapes, a trailing comma, special values and a timestamp put in. */
    @Test
    void escapesSpecialValuesAndTimestamps() {
        String line = Fixtures.dcgm(L4).lines().filter(l -> l.startsWith("DCGM_FI_DEV_GPU_TEMP{")).findFirst().orElseThrow();
        String edited = line.replace("modelName=\"NVIDIA L4\"", "modelName=\"NVIDIA \\\"L4\\\" \\\\ a\\nb\"")
                .replace("}", ",} ").replace(" 31", " +Inf 1773114089184");
        ExpositionParser.Sample s = ExpositionParser.parse(edited + "\n" + line.replace(" 31", " NaN")).get(0);
        assertThat(s.labels()).containsEntry("modelName", "NVIDIA \"L4\" \\ a\nb").hasSize(7);
        assertThat(s.value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.timestampMillis()).isEqualTo(OptionalLong.of(1773114089184L));
        assertThat(ExpositionParser.parse(line.replace(" 31", " NaN")).get(0).value()).isNaN();
        assertThat(ExpositionParser.parse(line.replace(" 31", " -Inf")).get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void malformedLinesNameTheLine() {
        String text = Fixtures.dcgm(L4).lines().limit(3).reduce("", (a, b) -> a + b + "\n");
        assertThatThrownBy(() -> ExpositionParser.parse(text + "DCGM_FI_DEV_GPU_TEMP{gpu=\"0\" 31\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 4:");
        assertThatThrownBy(() -> ExpositionParser.parse("DCGM_FI_DEV_GPU_TEMP{gpu=\"0\"} warm"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 1:");
    }

    static ExpositionParser.Sample find(List<ExpositionParser.Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }
}
