package io.watchfloor.app;

import io.watchfloor.app.cli.WatchfloorCommand;
import picocli.CommandLine;

/** The one launcher: GUI by default, command-line companions as subcommands. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args);
        if (code != WatchfloorCommand.GUI_RUNNING) {
            System.exit(code);
        }
    }

    public static int run(String[] args) {
        return new CommandLine(new WatchfloorCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }
}
