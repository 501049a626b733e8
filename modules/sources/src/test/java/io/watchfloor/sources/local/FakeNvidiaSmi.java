package io.watchfloor.sources.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/** Writes shell scripts that stand in for nvidia-smi. */
final class FakeNvidiaSmi {
    static final String H100_ROW =
            "0, GPU-00000000-0000-0000-0000-000000000000, NVIDIA H100 80GB HBM3, 100, 19818, 81559, 59, 631.95, 1980, 0x0000000000000000";
    static final String HELD_ROW =
            "1, GPU-11111111-1111-1111-1111-111111111111, NVIDIA H100 80GB HBM3, 0, 57000, 81559, 38, 95.10, 345, 0x0000000000000001";
    /** What nvidia-smi answers on a driver that lacks a queried field. */
    static final String INVALID_FIELD = "Field \\\"clocks_event_reasons.active\\\" is not a valid field to query.";

    private FakeNvidiaSmi() {
    }

    static Path script(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** Prints the given rows, counting its runs in {@code calls}. */
    static Path printing(Path dir, String... rows) throws IOException {
        return script(dir, "nvidia-smi", "echo run >> '" + dir.resolve("calls") + "'\nprintf '%s\\n' "
                + String.join(" ", Arrays.stream(rows).map(r -> "'" + r + "'").toList()));
    }

    static long calls(Path dir) throws IOException {
        Path calls = dir.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
    }
}
