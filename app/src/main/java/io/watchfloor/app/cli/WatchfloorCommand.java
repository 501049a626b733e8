package io.watchfloor.app.cli;

import io.watchfloor.app.runtime.ConsoleRuntime;
import io.watchfloor.app.runtime.DataDirectory;
import io.watchfloor.app.ui.ConsoleWindow;
import io.watchfloor.app.ui.Views;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.sources.SourceRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "watchfloor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Operations console for AI platforms: GPU wall, LLM endpoints and their SLA.",
        subcommands = {CheckConfigCommand.class, SnapshotCommand.class, IncidentCommand.class, ReportCommand.class,
            BenchCommand.class, ShellCommand.class, AuditCommand.class})
public final class WatchfloorCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(WatchfloorCommand.class);
    /** Returned when the window is up; the JVM exits when it closes. */
    public static final int GUI_RUNNING = -1;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: the bundled example: this machine + a DEMO fleet)")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "cache directory (default: ${DEFAULT-VALUE})")
    Path dataDir = DataDirectory.defaultDir();

    @Option(names = "--wall", description = "full screen, dark, no mouse: for NOC wall displays")
    boolean wall;

    @Option(names = "--view", paramLabel = "NAME", defaultValue = "wall",
            description = "view shown first: wall, endpoints, incidents or usage (keys 1 to 4 switch; default: ${DEFAULT-VALUE})")
    String view;

    @Option(names = "--exit-after-first-frame", hidden = true,
            description = "benchmark: print the time from JVM start to the first frame and exit")
    boolean exitAfterFirstFrame;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        if (!Views.exists(view)) {
            throw new ParameterException(spec.commandLine(), "--view: unknown view \"" + view + "\"; expected one of: "
                    + String.join(", ", Views.names()));
        }
        if (!Display.available()) {
            err.println("watchfloor: no display found (DISPLAY and WAYLAND_DISPLAY are not set). "
                    + "Run it in a desktop session, under Xvfb, or use `watchfloor snapshot` to render without a screen.");
            return ExitCodes.FAILED;
        }
        // the toolkit starts while the config loads and the cache opens: the first frame comes sooner
        CompletableFuture<Void> toolkit = ConsoleWindow.startToolkit();
        WatchfloorConfig cfg = ConfigReport.loadOrReport(config, err);
        if (cfg == null) {
            return ExitCodes.USAGE;
        }
        ConsoleRuntime runtime;
        try {
            runtime = ConsoleRuntime.open(cfg, dataDir, System.getenv(), SourceRegistry.standard(), Clock.systemDefaultZone(),
                    wall);
        } catch (ConsoleRuntime.CacheUnavailableException e) {
            err.println("watchfloor: cannot open the cache in " + dataDir + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        // the last known state, from the cache, before the first poll: the window shows it at once
        long t0 = System.nanoTime();
        runtime.loadFromCache();
        LOG.debug("cached wall loaded in {} ms", (System.nanoTime() - t0) / 1_000_000);
        try {
            toolkit.join();
        } catch (RuntimeException e) {
            err.println("watchfloor: cannot start the display toolkit: " + e.getMessage());
            runtime.close();
            return ExitCodes.FAILED;
        }
        Platform.runLater(() -> ConsoleWindow.show(runtime, wall, exitAfterFirstFrame, view));
        return GUI_RUNNING;
    }
}
