package io.watchfloor.app.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("sub/report.pdf");
        AtomicFiles.writeString(file, "first");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half of the sec".getBytes());
            throw new IOException("renderer failed");
        })).hasMessage("renderer failed");
        assertThat(Files.readString(file)).isEqualTo("first");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aSuccessfulWriteReplacesTheFile() throws IOException {
        Path file = dir.resolve("state.json");
        AtomicFiles.writeString(file, "old");
        AtomicFiles.writeString(file, "new ü");
        assertThat(Files.readString(file)).isEqualTo("new ü");
    }
}
