package io.watchfloor.sources.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code nvidia-smi --query-gpu} under a watchdog. A hung nvidia-smi (a wedged driver does that) is
 * killed with its children at the deadline. Drivers before r525 reject {@code clocks_event_reasons.active};
 * then the query is repeated once with the old name, and the name that worked is kept for later polls.
 * Not thread-safe: a source is never polled concurrently.
 */
public final class NvidiaSmiRunner {
    private final String executable;
    private final boolean required;
    private volatile boolean legacyThrottleField;

    /** What one query returned. {@code fields} are the fields as queried, for mapping the header-less CSV. */
    public record Output(String csv, List<String> fields, int runs) {
    }

    /**
     * @param executable a name looked up on the PATH, or a path
     * @param required   whether a missing executable is a problem (the user named it) rather than "no GPUs here"
     */
    public NvidiaSmiRunner(String executable, boolean required) {
        this.executable = executable;
        this.required = required;
    }

    public boolean usesLegacyThrottleField() {
        return legacyThrottleField;
    }

    /**
     * @return empty when nvidia-smi is not installed and was not asked for by name
     * @throws NvidiaSmiException when it is missing though required, or ran and failed or hung
     */
    public Optional<Output> query(Duration timeout) throws NvidiaSmiException {
        Optional<Path> program = locate();
        if (program.isEmpty()) {
            if (required) {
                throw new NvidiaSmiException("not found: " + executable, 0);
            }
            return Optional.empty();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> fields = fields(legacyThrottleField);
        Exit exit = run(program.get(), fields, deadline, 1);
        int runs = 1;
        if (exit.code() != 0 && !legacyThrottleField && exit.rejectsField()) {
            fields = fields(true);
            exit = run(program.get(), fields, deadline, 2);
            runs = 2;
            if (exit.code() == 0) {
                legacyThrottleField = true;
            }
        }
        if (exit.code() != 0) {
            throw new NvidiaSmiException("exit code " + exit.code() + ": " + exit.firstMessageLine(), runs);
        }
        return Optional.of(new Output(exit.stdout(), fields, runs));
    }

    private static List<String> fields(boolean legacy) {
        List<String> fields = new ArrayList<>(NvidiaSmiCsv.FIELDS);
        if (legacy) {
            fields.set(fields.size() - 1, NvidiaSmiCsv.LEGACY_THROTTLE_FIELD);
        }
        return List.copyOf(fields);
    }

    /** Looks the program up each time, so a driver installed while the console runs is picked up. */
    Optional<Path> locate() {
        if (executable.contains("/") || executable.contains(File.separator)) {
            Path p = Path.of(executable);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : windows ? List.of(executable + ".exe", executable) : List.of(executable)) {
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private record Exit(int code, String stdout, String stderr) {
        /** nvidia-smi prints e.g. {@code Field "clocks_event_reasons.active" is not a valid field to query.} */
        boolean rejectsField() {
            return (stdout + stderr).toLowerCase(Locale.ROOT).contains("not a valid field");
        }

        String firstMessageLine() {
            return (stderr + "\n" + stdout).lines().map(String::strip).filter(l -> !l.isEmpty())
                    .findFirst().orElse("no output");
        }
    }

    private Exit run(Path program, List<String> fields, long deadline, int attempt) throws NvidiaSmiException {
        List<String> command = List.of(program.toString(), "--query-gpu=" + String.join(",", fields),
                "--format=csv,noheader,nounits");
        Process process;
        try {
            process = new ProcessBuilder(command).start();
            process.getOutputStream().close(); // nvidia-smi reads nothing; an open stdin only invites a hang
        } catch (IOException e) {
            throw new NvidiaSmiException("cannot start " + program + ": " + e.getMessage(), attempt);
        }
        CompletableFuture<String> stdout = drain(process.getInputStream(), "stdout");
        CompletableFuture<String> stderr = drain(process.getErrorStream(), "stderr");
        try {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
                kill(process);
                throw new NvidiaSmiException("no answer within the timeout; killed", attempt);
            }
            // a child left behind can hold the pipes open after nvidia-smi exits: bounded by the deadline too
            long rest = Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100));
            return new Exit(process.exitValue(), stdout.get(rest, TimeUnit.NANOSECONDS),
                    stderr.get(rest, TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new NvidiaSmiException("interrupted", attempt);
        } catch (TimeoutException | ExecutionException e) {
            kill(process);
            throw new NvidiaSmiException("output not readable within the timeout", attempt);
        }
    }

    /** Children first: once the parent is gone they are reparented and can no longer be found. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static CompletableFuture<String> drain(InputStream in, String name) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("nvidia-smi-" + name).start(() -> {
            try (in) {
                result.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
