package io.watchfloor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine stays UI- and implementation-free: only the model contracts, SLF4J and the JDK. */
class EngineDependencyTest {
    private static final List<String> FORBIDDEN = List.of("javafx.", "io.watchfloor.cache", "io.watchfloor.sources",
            "io.watchfloor.config", "io.watchfloor.app", "System.out", "System.err", "printStackTrace");

    @Test
    void mainSourcesUseOnlyAllowedPackages() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        try (Stream<Path> files = Files.walk(main)) {
            List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(java).isNotEmpty();
            for (Path p : java) {
                String text = Files.readString(p);
                for (String bad : FORBIDDEN) {
                    assertThat(text).as("%s uses %s", p.getFileName(), bad).doesNotContain(bad);
                }
            }
        }
    }
}
