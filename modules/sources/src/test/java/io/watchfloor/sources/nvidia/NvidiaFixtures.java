package io.watchfloor.sources.nvidia;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real captures in shared/fixtures/nvidia-smi, and the hand-written samples under test resources /nvidia. */
public final class NvidiaFixtures {
    public static final Path DIR =
            Path.of(System.getProperty("watchfloor.shared.dir", "../../../shared"), "fixtures", "nvidia-smi");

    private NvidiaFixtures() {
    }

    public static String shared(String name) {
        try {
            return Files.readString(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String resource(String name) {
        try (InputStream in = NvidiaFixtures.class.getResourceAsStream("/nvidia/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /nvidia/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
