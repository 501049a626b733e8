package io.watchfloor.app.cli;

import io.watchfloor.app.bench.WallBench;
import io.watchfloor.app.snapshot.HeadlessFx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench-wall", description = {
    "Benchmark: the wall with N tiles all updating every second; prints fps and FX-thread busy %%.",
    "Uses a real window when a display is set (e.g. under Xvfb), else the headless platform."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--tiles", defaultValue = "256")
    int tiles;

    @Option(names = "--size", defaultValue = "1920x1080")
    String size;

    @Option(names = "--seconds", defaultValue = "20")
    int seconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String[] wh = size.split("x");
        if (Display.available()) {
            System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
            CompletableFuture<Void> up = new CompletableFuture<>();
            Platform.startup(() -> up.complete(null));
            up.get();
        } else {
            HeadlessFx.start();
        }
        Platform.setImplicitExit(false);
        WallBench.Result r = WallBench.run(tiles, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), Duration.ofSeconds(seconds));
        spec.commandLine().getOut().printf("wall bench: %d tiles at %s, %.0f s, pipeline %s: %.1f fps, FX thread busy %.1f%%, render thread busy %.1f%%%n",
                r.tiles(), r.size(), r.seconds(), r.pipeline(), r.fps(), r.fxBusyPct(), r.renderBusyPct());
        Platform.exit();
        return ExitCodes.OK;
    }
}
