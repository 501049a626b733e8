package io.watchfloor.app.cli;

import io.watchfloor.config.WatchfloorConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check-config", description = {
    "Checks a configuration file. Exits 0 when it is valid; otherwise prints one line per problem",
    "(FILE:LINE:COL: what is wrong and what was expected) and exits 2."})
public final class CheckConfigCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the YAML configuration to check")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        WatchfloorConfig config = ConfigReport.loadOrReport(file, spec.commandLine().getOut());
        if (config == null) {
            return ExitCodes.USAGE;
        }
        spec.commandLine().getOut().println(file + ": OK, " + config.sources().size()
                + (config.sources().size() == 1 ? " source" : " sources"));
        return ExitCodes.OK;
    }
}
