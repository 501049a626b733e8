package io.watchfloor.app;

import io.watchfloor.app.cli.WatchfloorCommand;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;

/** The one launcher: GUI by default, command-line companions as subcommands. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int code = run(args);
        if (code != WatchfloorCommand.GUI_RUNNING) {
            System.exit(code);
        }
        // the window owns the process now; closing it flushes the cache and exits the JVM
        new CountDownLatch(1).await();
    }

    public static int run(String[] args) {
        return new CommandLine(new WatchfloorCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }
}
