package io.watchfloor.sources.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared real-world captures (../shared/fixtures, located through the {@code watchfloor.shared.dir}
 * system property that surefire sets) and this package's own test resources.
 */
final class Fixtures {
    private Fixtures() {
    }

    static Path shared(String relative) {
        String dir = System.getProperty("watchfloor.shared.dir");
        if (dir == null) {
            throw new IllegalStateException("system property watchfloor.shared.dir is not set (surefire sets it)");
        }
        Path p = Path.of(dir, "fixtures", relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing fixture " + p);
        }
        return p;
    }

    static String prometheusApi(String file) {
        return read(shared("prometheus-api/" + file));
    }

    static String dcgm(String file) {
        return read(shared("dcgm-exporter/" + file));
    }

    static Path resourcePath(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/prometheus/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource /prometheus/" + name, e);
        }
    }

    static String resource(String name) {
        return read(resourcePath(name));
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
