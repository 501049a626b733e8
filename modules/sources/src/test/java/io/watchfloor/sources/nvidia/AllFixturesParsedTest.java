package io.watchfloor.sources.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A capture added to shared/fixtures/nvidia-smi must get asserted values in one of the parser tests. */
class AllFixturesParsedTest {
    @Test
    void everyFileInTheFixtureDirectoryIsCovered() throws IOException {
        List<String> covered = new ArrayList<>();
        covered.addAll(QueryGpuCsvTest.FILES);
        covered.addAll(QueryComputeAppsTest.FILES);
        covered.addAll(NvidiaSmiXmlTest.FILES);
        try (Stream<Path> files = Files.list(NvidiaFixtures.DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("README.md")))
                    .isNotEmpty().containsExactlyInAnyOrderElementsOf(covered);
        }
    }
}
