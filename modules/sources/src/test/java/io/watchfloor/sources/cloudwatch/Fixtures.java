package io.watchfloor.sources.cloudwatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared AWS CLI captures (../shared/fixtures/cloudwatch, found through watchfloor.shared.dir) and ours. */
final class Fixtures {
    private Fixtures() {
    }

    static String shared(String file) {
        String dir = System.getProperty("watchfloor.shared.dir");
        if (dir == null) {
            throw new IllegalStateException("system property watchfloor.shared.dir is not set (surefire sets it)");
        }
        return read(Path.of(dir, "fixtures", "cloudwatch", file));
    }

    static String resource(String name) {
        try (var in = Fixtures.class.getResourceAsStream("/cloudwatch/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /cloudwatch/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
