package io.watchfloor.app.cli;

import io.watchfloor.access.AccessDeniedException;
import io.watchfloor.access.AccessFailedException;
import io.watchfloor.access.ShellRequest;
import io.watchfloor.access.ShellService;
import io.watchfloor.app.runtime.AccessRuntime;
import io.watchfloor.app.runtime.DataDirectory;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.ssh.HostKeyPrompt;
import io.watchfloor.ssh.HostKeyRefusal;
import io.watchfloor.ssh.SshException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "shell", mixinStandardHelpOptions = true, description = {
    "Runs one command on a GPU host through the just-in-time path: your role must allow shell, a short-lived",
    "certificate is signed for you, the host is reached through its bastion with its host key checked, and the",
    "command, its exit code and the certificate are written to the audit log.",
    "Prints the command's output as it comes and exits with its exit code; " + ExitCodes.NOT_PERMITTED
        + " when refused, " + ExitCodes.REMOTE_FAILED + " when it could not run.",
    "Never asks anything: a host whose key is not in known_hosts is refused (its fingerprint is printed)."})
public final class ShellCommand implements Callable<Integer> {
    /** Opens the access runtime for a loaded config. */
    @FunctionalInterface
    public interface RuntimeOpener {
        AccessRuntime open(WatchfloorConfig config, Path dataDir) throws Exception;
    }

    @Parameters(index = "0", paramLabel = "HOST", description = "configured host id (hosts: in the config)")
    String host;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
            description = "why (an incident id, or what you are looking for); goes into the certificate and the audit log")
    String reason;

    @Option(names = "--exec", required = true, paramLabel = "COMMAND", description = "the command to run on the host")
    String command;

    @Option(names = "--incident", paramLabel = "ID", description = "the incident this belongs to, for the audit log")
    String incident;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "how long the command may run, e.g. 30s, 5m (default: ${DEFAULT-VALUE}; never past the certificate)")
    Duration timeout;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: the bundled example)")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "data directory with the audit log (default: ${DEFAULT-VALUE})")
    Path dataDir = DataDirectory.defaultDir();

    @Spec
    CommandSpec spec;

    private final RuntimeOpener opener;
    private final OutputStream stdout;
    private final OutputStream stderr;

    public ShellCommand() {
        this((cfg, dir) -> AccessRuntime.forCommandLine(cfg, dir, System.getenv(), Clock.systemUTC()),
                System.out, System.err);
    }

    public ShellCommand(RuntimeOpener opener, OutputStream stdout, OutputStream stderr) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            WatchfloorConfig cfg = ConfigReport.loadOrReport(config, err);
            if (cfg == null) {
                return ExitCodes.USAGE;
            }
            AccessRuntime runtime;
            try {
                runtime = opener.open(cfg, dataDir);
            } catch (Exception e) {
                err.println("watchfloor shell: " + message(e));
                return ExitCodes.FAILED;
            }
            try (runtime) {
                return run(runtime.shells(), err);
            } catch (Exception e) {
                err.println("watchfloor shell: " + message(e));
                return ExitCodes.FAILED;
            }
        } finally {
            err.flush();
        }
    }

    private int run(ShellService shells, PrintWriter err) {
        var request = new ShellRequest(host, reason, incident, 0, 0);
        try {
            int exit = shells.exec(request, command, new Flushing(stdout), new Flushing(stderr), timeout,
                    HostKeyPrompt.REFUSE);
            if (exit < 0) {
                err.println("watchfloor shell: " + host + ": the command ended without an exit status (killed by a signal?)");
                return ExitCodes.REMOTE_FAILED;
            }
            return exit;
        } catch (AccessDeniedException e) {
            err.println("watchfloor shell: " + e.getMessage());
            return ExitCodes.NOT_PERMITTED;
        } catch (AccessFailedException e) {
            err.println("watchfloor shell: " + e.getMessage());
            HostKeyRefusal refusal = refusal(e);
            if (refusal != null && refusal.kind() == SshException.Kind.HOST_KEY_UNKNOWN) {
                err.println(unknownHostAdvice(refusal));
            }
            return ExitCodes.REMOTE_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("watchfloor shell: interrupted");
            return ExitCodes.INTERRUPTED;
        }
    }

    static HostKeyRefusal refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SshException s && s.refusal() != null) {
                return s.refusal();
            }
        }
        return null;
    }

    /** A command line never trusts a new key itself; it says what was offered and where it would go. */
    static String unknownHostAdvice(HostKeyRefusal r) {
        return "  " + r.knownHostsName() + " offered " + r.keyType() + " " + r.fingerprint() + "\n"
                + "  It is not in " + r.knownHosts() + ". Check the fingerprint with the host's owner, then add the\n"
                + "  key there (e.g. accept it once in the console's \"Open shell\" dialog, or append the line of\n"
                + "  `ssh-keyscan` run on the bastion after comparing its fingerprint). Nothing was run.";
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Output appears as it comes: each write is flushed. */
    private static final class Flushing extends FilterOutputStream {
        Flushing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush(); // never close System.out
        }
    }

    /** 500ms, 30s, 5m, 1h. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("\"" + value + "\" is not a duration; expected e.g. 500ms, 30s, 5m, 1h");
            }
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            if (d.isZero()) {
                throw new TypeConversionException("the timeout must be more than 0");
            }
            return d;
        }
    }
}
