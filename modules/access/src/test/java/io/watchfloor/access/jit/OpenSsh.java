package io.watchfloor.access.jit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the OpenSSH tools the tests compare against (ssh-keygen, ssh, ssh-agent); CI installs them. */
final class OpenSsh {
    private OpenSsh() {
    }

    record Result(int exit, String output) {
    }

    static Result run(List<String> cmd, java.util.Map<String, String> env) throws IOException, InterruptedException {
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), out);
    }

    static String ok(String... cmd) throws IOException, InterruptedException {
        Result r = run(List.of(cmd), java.util.Map.of());
        if (r.exit() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }

    /** {@code ssh-keygen -t type} into {@code file}, with or without a passphrase. */
    static Path keygen(Path file, String type, String passphrase) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "test ca",
                "-f", file.toString()));
        ok(cmd.toArray(String[]::new));
        return file;
    }
}
