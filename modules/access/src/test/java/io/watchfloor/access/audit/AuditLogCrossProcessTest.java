package io.watchfloor.access.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A console and a `watchfloor shell` in another process append to the same audit file at the same time. */
class AuditLogCrossProcessTest {
    @TempDir
    Path dir;

    @Test
    void anotherProcessAppendsWhileThisOneDoes() throws Exception {
        int each = 25;
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Path childLog = dir.resolve("child.log");
        Path data = Files.createDirectories(dir.resolve("data"));
        try (AuditLog log = AuditLog.open(data, Clock.systemUTC())) {
            Process child = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                    AuditAppenderMain.class.getName(), data.toString(), String.valueOf(each))
                    .redirectErrorStream(true).redirectOutput(childLog.toFile()).start();
            // append until the child has finished too, so the two really overlap
            int mine = 0;
            while (child.isAlive() || mine < each) {
                log.append(new AuditEntry(AuditEvent.COMMAND_RUN, "parent", "console", "gpu-02", "p" + mine, null));
                mine++;
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(Files.readString(childLog)).isZero();

            VerifyResult result = log.verify();
            assertThat(result.ok()).as(result.problem()).isTrue();
            assertThat(result.records()).isEqualTo(each + mine);
            var users = log.records().stream().map(r -> r.entry().user()).toList();
            assertThat(users.stream().filter("child"::equals)).hasSize(each);
            long switches = java.util.stream.IntStream.range(1, users.size())
                    .filter(i -> !users.get(i).equals(users.get(i - 1))).count();
            assertThat(switches).as("the child's appends fall between the parent's").isGreaterThanOrEqualTo(2);
        }
    }
}
