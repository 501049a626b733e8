package io.watchfloor.sources.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class NvidiaSmiRunnerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void returnsTheCsvAndTheFieldsAsQueried() throws Exception {
        Path smi = FakeNvidiaSmi.script(dir, "nvidia-smi", "echo \"$@\" > '" + dir.resolve("args") + "'\necho '"
                + FakeNvidiaSmi.H100_ROW + "'");

        NvidiaSmiRunner.Output out = new NvidiaSmiRunner(smi.toString(), true).query(TIMEOUT).orElseThrow();

        assertThat(out.csv().strip()).isEqualTo(FakeNvidiaSmi.H100_ROW);
        assertThat(out.fields()).isEqualTo(NvidiaSmiCsv.FIELDS);
        assertThat(out.runs()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("args")).strip()).isEqualTo("--query-gpu=index,uuid,name,utilization.gpu,"
                + "memory.used,memory.total,temperature.gpu,power.draw,clocks.sm,clocks_event_reasons.active"
                + " --format=csv,noheader,nounits");
    }

    @Test
    void oldDriverGetsTheOldFieldNameOnceAndKeepsIt() throws Exception {
        Path smi = FakeNvidiaSmi.script(dir, "nvidia-smi", "echo run >> '" + dir.resolve("calls") + "'\n"
                + "case \"$1\" in *clocks_event_reasons*) echo \"" + FakeNvidiaSmi.INVALID_FIELD + "\"; exit 6;; esac\n"
                + "echo '" + FakeNvidiaSmi.H100_ROW + "'");
        NvidiaSmiRunner runner = new NvidiaSmiRunner(smi.toString(), false);

        NvidiaSmiRunner.Output first = runner.query(TIMEOUT).orElseThrow();
        assertThat(first.runs()).isEqualTo(2);
        assertThat(first.fields().getLast()).isEqualTo("clocks_throttle_reasons.active");
        assertThat(runner.usesLegacyThrottleField()).isTrue();
        assertThat(NvidiaSmiCsv.parse(first.csv(), first.fields())).hasSize(1);

        assertThat(runner.query(TIMEOUT).orElseThrow().runs()).isEqualTo(1);
        assertThat(FakeNvidiaSmi.calls(dir)).isEqualTo(3);
    }

    @Test
    void fieldRejectedUnderBothNamesIsAFailure() throws Exception {
        Path smi = FakeNvidiaSmi.script(dir, "nvidia-smi", "echo \"" + FakeNvidiaSmi.INVALID_FIELD + "\"\nexit 6");
        NvidiaSmiRunner runner = new NvidiaSmiRunner(smi.toString(), false);

        assertThatThrownBy(() -> runner.query(TIMEOUT)).isInstanceOfSatisfying(NvidiaSmiException.class, e -> {
            assertThat(e.runs()).isEqualTo(2);
            assertThat(e.getMessage()).startsWith("exit code 6: Field").contains("not a valid field");
        });
        assertThat(runner.usesLegacyThrottleField()).isFalse();
    }

    @Test
    void otherFailuresAreNotRetried() throws Exception {
        Path smi = FakeNvidiaSmi.script(dir, "nvidia-smi", "echo run >> '" + dir.resolve("calls") + "'\n"
                + "echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\" >&2\nexit 9");

        assertThatThrownBy(() -> new NvidiaSmiRunner(smi.toString(), false).query(TIMEOUT))
                .isInstanceOf(NvidiaSmiException.class)
                .hasMessage("exit code 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.");
        assertThat(FakeNvidiaSmi.calls(dir)).isEqualTo(1);
    }

    @Test
    void aHungNvidiaSmiIsKilledAtTheDeadlineWithItsChildren() throws Exception {
        Path pid = dir.resolve("child.pid");
        Path smi = FakeNvidiaSmi.script(dir, "nvidia-smi", "sleep 30 &\necho $! > '" + pid + "'\nwait");
        long start = System.nanoTime();

        assertThatThrownBy(() -> new NvidiaSmiRunner(smi.toString(), false).query(Duration.ofMillis(700)))
                .isInstanceOf(NvidiaSmiException.class).hasMessageContaining("no answer within the timeout");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        Optional<ProcessHandle> child = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()));
        if (child.isPresent()) {
            child.get().onExit().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void absentIsNothingUnlessNamed() throws Exception {
        assertThat(new NvidiaSmiRunner("nvidia-smi-not-installed-here", false).query(TIMEOUT)).isEmpty();
        assertThat(new NvidiaSmiRunner(dir.resolve("nvidia-smi").toString(), false).query(TIMEOUT)).isEmpty();
        assertThatThrownBy(() -> new NvidiaSmiRunner(dir.resolve("nvidia-smi").toString(), true).query(TIMEOUT))
                .isInstanceOf(NvidiaSmiException.class).hasMessageContaining("not found");
    }
}
