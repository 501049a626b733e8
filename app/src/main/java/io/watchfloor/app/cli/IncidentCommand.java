package io.watchfloor.app.cli;

import io.watchfloor.app.runtime.DataDirectory;
import io.watchfloor.app.runtime.IncidentDesk;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * `watchfloor incident ...`: the incident desk for scripts, on the data directory's cache. Each subcommand loads
 * the config, opens the desk, does one thing and closes it. Exit codes: 0 done, 1 refused or failed (the message
 * says why), 2 bad usage or config.
 */
@Command(name = "incident", mixinStandardHelpOptions = true,
        description = {"Works incidents from the command line: list, open, acknowledge, note, check steps off,",
            "move the status, resolve, and export the postmortem. The console must be closed (it holds the data",
            "directory); do the same there while it runs."},
        subcommands = {IncidentListCommand.class, IncidentActions.Open.class, IncidentActions.Ack.class,
            IncidentActions.Note.class, IncidentActions.Step.class, IncidentActions.Status.class,
            IncidentActions.Resolve.class, IncidentExportCommand.class})
public final class IncidentCommand implements Callable<Integer> {
    private static final Pattern ID = Pattern.compile("(?i)(?:INC-)?(\\d{1,18})");
    /** A desk command completes once durable; far longer than that means something is stuck. */
    private static final long ANSWER_SECONDS = 120;

    /** Opens the desk on a data directory; tests put a fake one in. */
    @FunctionalInterface
    public interface DeskOpener {
        IncidentDesk open(WatchfloorConfig config, Path dataDir) throws IncidentDesk.DeskUnavailableException;
    }

    /** What a subcommand does with an open desk; returns the exit code. */
    @FunctionalInterface
    interface DeskWork {
        int run(IncidentDesk desk, WatchfloorConfig config) throws Exception;
    }

    private final DeskOpener opener;

    @Spec
    CommandSpec spec;

    public IncidentCommand() {
        this((config, dataDir) -> IncidentDesk.open(config, dataDir, System.getenv(), Clock.systemUTC()));
    }

    public IncidentCommand(DeskOpener opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say what to do: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** --config and --data-dir, as the other commands have them. */
    static final class DeskOptions {
        @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: the bundled example)")
        Path config;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "cache directory (default: ${DEFAULT-VALUE})")
        Path dataDir = DataDirectory.defaultDir();
    }

    /** Loads the config, opens the desk, runs {@code work} and closes the desk; every failure becomes a message. */
    int withDesk(DeskOptions options, CommandSpec sub, DeskWork work) {
        PrintWriter err = sub.commandLine().getErr();
        WatchfloorConfig config = ConfigReport.loadOrReport(options.config, err);
        if (config == null) {
            return ExitCodes.USAGE;
        }
        IncidentDesk desk;
        try {
            desk = opener.open(config, options.dataDir);
        } catch (IncidentDesk.DeskUnavailableException e) {
            err.println(e.locked() ? lockedMessage(options.dataDir, e)
                    : "watchfloor incident: cannot open the cache in " + options.dataDir + ": " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (RuntimeException e) {
            err.println("watchfloor incident: cannot open the incidents in " + options.dataDir + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        try (desk) {
            return work.run(desk, config);
        } catch (IncidentException e) {
            err.println("watchfloor incident: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (ParameterException e) {
            throw e;
        } catch (Exception e) {
            err.println("watchfloor incident: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return ExitCodes.FAILED;
        } finally {
            sub.commandLine().getOut().flush();
            err.flush();
        }
    }

    static String lockedMessage(Path dataDir, IncidentDesk.DeskUnavailableException e) {
        String holder = e.ownerPid().isPresent() ? "a running Watchfloor console (pid " + e.ownerPid().getAsLong() + ")"
                : "a running Watchfloor console";
        return "watchfloor incident: " + holder + " holds the data directory " + dataDir + ". Do this in the"
                + " console (Incidents view), or run the command again once the console is closed.";
    }

    /** Waits for a desk command; its refusal comes back as the {@link IncidentException} it failed with. */
    static Incident await(CompletableFuture<Incident> future) throws Exception {
        try {
            return future.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the incident desk did not answer within " + ANSWER_SECONDS
                    + " s; check the incident in the console before trying again", e);
        }
    }

    /** "INC-7", "inc-7" or "7" as "INC-7". */
    static String incidentId(CommandSpec sub, String text) {
        Matcher m = ID.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new ParameterException(sub.commandLine(), "not an incident id: \"" + text
                    + "\"; expected INC-<n>, e.g. INC-7");
        }
        return Incident.idOf(Long.parseLong(m.group(1)));
    }

    /** Who the timeline records: --by, else incidents.user in the config, else the operating-system user. */
    static String actor(String by, WatchfloorConfig config) {
        if (by != null && !by.isBlank()) {
            return by.strip();
        }
        String configured = config.incidents().user();
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String os = System.getProperty("user.name");
        return os == null || os.isBlank() ? "unknown" : os;
    }
}
