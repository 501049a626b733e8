package io.watchfloor.app.cli;

import io.watchfloor.app.files.AtomicFiles;
import io.watchfloor.app.runtime.ConsoleRuntime;
import io.watchfloor.app.runtime.DataDirectory;
import io.watchfloor.app.snapshot.HeadlessFx;
import io.watchfloor.app.snapshot.PngWriter;
import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.FxExecutor;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.Views;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.sources.SourceRegistry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Scene;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "snapshot", mixinStandardHelpOptions = true, description = {
    "Runs N poll cycles without a display, renders a view to PNG and writes its state as JSON.",
    "Exits 0 once rendered, even when a source is down (the state says so); 2 on bad usage or config."})
public final class SnapshotCommand implements Callable<Integer> {
    private static final Pattern SIZE = Pattern.compile("(\\d{3,5})x(\\d{3,5})");

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: the bundled example)")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "cache directory (default: ${DEFAULT-VALUE})")
    Path dataDir = DataDirectory.defaultDir();

    @Option(names = "--view", paramLabel = "NAME", defaultValue = "wall", description = "view to render (default: ${DEFAULT-VALUE})")
    String view;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1920x1080", description = "image size (default: ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--out", paramLabel = "PNG", required = true, description = "PNG file to write")
    Path out;

    @Option(names = "--usage-period", paramLabel = "KIND:DATE",
            description = "with --view usage: the report shown, e.g. monthly:2026-10-01 (default: last complete week)")
    String usagePeriod;

    @Option(names = "--state", paramLabel = "JSON", description = "also write the view's state as JSON here")
    Path state;

    @Option(names = "--polls", paramLabel = "N", defaultValue = "1", description = "poll cycles before rendering (default: ${DEFAULT-VALUE}; 0 renders the cache only)")
    int polls;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            throw new ParameterException(spec.commandLine(), "--size must look like 1920x1080, got \"" + size + "\"");
        }
        if (!Views.exists(view)) {
            throw new ParameterException(spec.commandLine(), "--view: unknown view \"" + view + "\"; expected one of: " + String.join(", ", Views.names()));
        }
        if (polls < 0 || polls > 1000) {
            throw new ParameterException(spec.commandLine(), "--polls must be between 0 and 1000, got " + polls);
        }
        if (usagePeriod != null && !usagePeriod.matches("(weekly|monthly):\\d{4}-\\d{2}-\\d{2}")) {
            throw new ParameterException(spec.commandLine(), "--usage-period must look like monthly:2026-10-01 or "
                    + "weekly:2026-11-16, got \"" + usagePeriod + "\"");
        }
        int width = Integer.parseInt(m.group(1));
        int height = Integer.parseInt(m.group(2));
        var err = spec.commandLine().getErr();
        WatchfloorConfig cfg = ConfigReport.loadOrReport(config, err);
        if (cfg == null) {
            return ExitCodes.USAGE;
        }
        try (ConsoleRuntime runtime = ConsoleRuntime.open(cfg, dataDir, System.getenv(), SourceRegistry.standard(), Clock.systemUTC())) {
            runtime.loadFromCache();
            poll(runtime, cfg);
            if (!runtime.settleIncidents(Duration.ofSeconds(10))) {
                err.println("watchfloor snapshot: the incident desk did not take the last alerts within 10 s");
            }
            runtime.refreshSla();
            HeadlessFx.start();
            pictureNewIncidents(runtime);
            String json = HeadlessFx.call(() -> render(runtime, width, height));
            if (state != null) {
                AtomicFiles.writeString(state, json);
            }
            spec.commandLine().getOut().println("wrote " + out + (state == null ? "" : " and " + state));
            return ExitCodes.OK;
        } catch (ConsoleRuntime.CacheUnavailableException e) {
            err.println("watchfloor snapshot: cannot open the cache in " + dataDir + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    /**
     * N cycles started at a fixed rate of the shortest source or probe interval (a slow cycle is followed at once
     * by the next), so that cycles are real poll cycles and probe evidence stays as dense as the live engine's.
     */
    private void poll(ConsoleRuntime runtime, WatchfloorConfig cfg) throws InterruptedException {
        List<Duration> timeouts = new ArrayList<>();
        List<Duration> intervals = new ArrayList<>();
        cfg.sources().forEach(s -> {
            timeouts.add(s.timeout());
            intervals.add(s.interval());
        });
        cfg.endpoints().stream().map(EndpointConfig::probe).filter(Objects::nonNull).forEach(p -> {
            timeouts.add(p.timeout());
            intervals.add(p.interval());
        });
        Duration deadline = timeouts.stream().max(Duration::compareTo).orElse(SourceConfig.DEFAULT_TIMEOUT)
                .plusSeconds(5);
        long spacing = intervals.stream().min(Duration::compareTo).orElse(SourceConfig.DEFAULT_INTERVAL).toNanos();
        long start = System.nanoTime();
        for (int i = 0; i < polls; i++) {
            long wait = start + i * spacing - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing, as the live engine's schedule
            }
            runtime.engine().pollAllOnce(deadline);
        }
    }

    /** As the window does: new incidents get a picture of their hosts' tiles on their timeline. */
    private static void pictureNewIncidents(ConsoleRuntime runtime) throws Exception {
        var context = runtime.viewContext(FxExecutor.DIRECT);
        var saving = HeadlessFx.call(() -> new io.watchfloor.app.ui.incidents.DetectionSnapshots(context)
                .onBoard(context.incidents().board()));
        try {
            saving.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            org.slf4j.LoggerFactory.getLogger(SnapshotCommand.class).warn("wall snapshots of new incidents not saved within 10 s");
        }
    }

    private String render(ConsoleRuntime runtime, int width, int height) {
        ConsoleView v;
        if (view.equals("usage")) {
            // the page builds its report in the background; a snapshot wants the finished page, so here it
            // builds in place (a one-shot headless run has no frames to keep smooth)
            var usage = new io.watchfloor.app.ui.usage.UsageConsoleView(runtime.viewContext(FxExecutor.DIRECT),
                    Runnable::run);
            if (usagePeriod != null) {
                String[] kindAndDay = usagePeriod.split(":", 2);
                usage.show(io.watchfloor.usage.ReportKind.fromWireName(kindAndDay[0]),
                        java.time.LocalDate.parse(kindAndDay[1]));
            }
            v = usage;
        } else {
            v = Views.create(view, runtime.viewContext(FxExecutor.DIRECT));
        }
        v.refresh();
        Scene scene = new Scene(v.node(), width, height);
        Theme.apply(scene);
        BufferedImage image = PngWriter.render(scene);
        try {
            PngWriter.write(image, out);
            StringWriter json = new StringWriter();
            v.writeState(json);
            return json.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
