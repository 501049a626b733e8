package io.watchfloor.app.cli;

import io.watchfloor.access.audit.AuditEntry;
import io.watchfloor.access.audit.AuditEvent;
import io.watchfloor.access.audit.AuditException;
import io.watchfloor.access.audit.AuditJson;
import io.watchfloor.access.audit.AuditLog;
import io.watchfloor.access.audit.AuditRecord;
import io.watchfloor.access.audit.RecordingException;
import io.watchfloor.access.audit.RecordingKeys;
import io.watchfloor.access.audit.RecordingSealer;
import io.watchfloor.access.audit.VerifyResult;
import io.watchfloor.app.files.AtomicFiles;
import io.watchfloor.app.runtime.DataDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * `watchfloor audit ...`: checks, exports and replays the JIT access audit log in the data directory. Works while
 * a console runs (the log is opened per operation). Exit codes: 0 done / log intact, 1 broken log or failure,
 * 2 bad usage.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"The tamper-evident log of just-in-time shell access: verify its hash chain, export it,",
            "create the recording key pair, and replay a session's terminal recording."},
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditCommand.Keygen.class,
            AuditCommand.Replay.class})
public final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say what to do: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    static final class DataOptions {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "data directory (default: ${DEFAULT-VALUE})")
        Path dataDir = DataDirectory.defaultDir();
    }

    @FunctionalInterface
    interface LogWork {
        int run(AuditLog log) throws Exception;
    }

    /** Opens the log (which must exist: a wrong --data-dir must not pass as an empty, intact log) and runs work. */
    static int withLog(DataOptions options, CommandSpec spec, LogWork work) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!Files.exists(options.dataDir.resolve("audit.mv.db"))) {
                err.println("watchfloor audit: no audit log in " + options.dataDir
                        + " (no shell was opened with this data directory; check --data-dir)");
                return ExitCodes.FAILED;
            }
            try (AuditLog log = AuditLog.open(options.dataDir, Clock.systemUTC())) {
                return work.run(log);
            }
        } catch (AuditException | RecordingException e) {
            err.println("watchfloor audit: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (IOException e) {
            err.println("watchfloor audit: " + reason(e));
            return ExitCodes.FAILED;
        } catch (Exception e) {
            err.println("watchfloor audit: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return ExitCodes.FAILED;
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }

    static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = {
        "Recomputes the hash chain and checks every session recording against its session_end record.",
        "Prints the record count and head hash: compare them with an exported copy, since records cut off",
        "the end of the log cannot be detected from the log alone."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        DataOptions data;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return withLog(data, spec, log -> {
                VerifyResult r = log.verify();
                PrintWriter out = spec.commandLine().getOut();
                if (r.ok()) {
                    out.println("audit log OK: " + r.records() + " records, head " + r.headHash());
                    return ExitCodes.OK;
                }
                out.println("audit log BROKEN: " + r.problem());
                out.println("(" + r.records() + " records, head " + r.headHash() + ")");
                return ExitCodes.FAILED;
            });
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = {
        "Writes the log as JSON Lines: one object per record with seq, at, event, user, machine, hostId,",
        "requestId, reason, details, prevHash and hash. The file is replaced whole or not at all; --out - prints it."})
    static final class Export implements Callable<Integer> {
        @Mixin
        DataOptions data;
        @Option(names = "--out", paramLabel = "FILE", required = true, description = "file to write (.jsonl), or - for stdout")
        Path out;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (Files.isDirectory(out)) {
                throw new ParameterException(spec.commandLine(), "--out: " + out + " is a directory; give a file"
                        + " name, e.g. " + out.resolve("audit.jsonl"));
            }
            return withLog(data, spec, log -> {
                PrintWriter stdout = spec.commandLine().getOut();
                if (out.toString().equals("-")) {
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    log.exportJsonl(bytes);
                    stdout.print(bytes.toString(StandardCharsets.UTF_8));
                    return ExitCodes.OK;
                }
                List<AuditRecord> records = log.records();
                AtomicFiles.write(out, o -> AuditJson.writeJsonl(records, o));
                String head = records.isEmpty() ? AuditLog.GENESIS : records.get(records.size() - 1).hash();
                stdout.println("wrote " + records.size() + " records to " + out + " (head " + head + ")");
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true, description = {
        "Creates the RSA key pair for terminal recordings: recording.pub goes into the config",
        "(access.recordingKey) of every console; recording.key (mode 600) stays with whoever reviews sessions."})
    static final class Keygen implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "DIR", required = true, description = "directory for recording.pub and recording.key")
        Path dir;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                Path pub = RecordingKeys.generate(dir);
                PrintWriter out = spec.commandLine().getOut();
                out.println("wrote " + pub + " (" + RecordingKeys.fingerprint(RecordingKeys.readPublicKey(pub)) + ")");
                out.println("wrote " + dir.resolve(RecordingKeys.PRIVATE_FILE) + " (mode 600): keep it with the"
                        + " reviewers, not on the consoles");
                out.flush();
                return ExitCodes.OK;
            } catch (FileAlreadyExistsException e) {
                err.println("watchfloor audit: " + e.getFile() + " already exists; " + e.getReason());
                return ExitCodes.FAILED;
            } catch (IOException e) {
                err.println("watchfloor audit: cannot write the keys: " + reason(e));
                return ExitCodes.FAILED;
            } finally {
                err.flush();
            }
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = {
        "Decrypts a session's terminal recording with the recording private key and prints what the terminal",
        "showed. Refuses a recording that no longer matches the sha256 its session_end record holds."})
    static final class Replay implements Callable<Integer> {
        @Mixin
        DataOptions data;
        @Option(names = "--request", paramLabel = "ID", required = true, description = "the JIT request id (see export)")
        String requestId;
        @Option(names = "--key", paramLabel = "FILE", required = true, description = "recording.key (PKCS#8 PEM)")
        Path key;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return withLog(data, spec, log -> {
                PrivateKey privateKey = RecordingKeys.readPrivateKey(key);
                byte[] sealed = log.recording(requestId);
                PrintWriter err = spec.commandLine().getErr();
                if (sealed == null) {
                    err.println("watchfloor audit: no recording for request " + requestId + " in " + data.dataDir);
                    return ExitCodes.FAILED;
                }
                Optional<String> expected = log.records().stream()
                        .filter(r -> r.entry().event() == AuditEvent.SESSION_END
                                && requestId.equals(r.entry().requestId()))
                        .map(r -> r.entry().details().get(AuditEntry.RECORDING_SHA256))
                        .filter(s -> s != null).findFirst();
                String actual = sha256(sealed);
                if (expected.isPresent() && !expected.get().equals(actual)) {
                    err.println("watchfloor audit: the recording of request " + requestId + " was changed: its"
                            + " sha256 is " + actual + ", its session_end record holds " + expected.get());
                    return ExitCodes.FAILED;
                }
                byte[] opened = RecordingSealer.open(sealed, privateKey);
                spec.commandLine().getOut().print(new String(RecordingSealer.output(opened), StandardCharsets.UTF_8));
                if (expected.isEmpty()) {
                    err.println("watchfloor audit: note: no session_end record names this recording (the session"
                            + " may not have ended cleanly)");
                }
                return ExitCodes.OK;
            });
        }

        private static String sha256(byte[] data) throws java.security.NoSuchAlgorithmException {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        }
    }
}
