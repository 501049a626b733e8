package io.watchfloor.app.cli;

import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.incidents.runbook.RunbookLibrary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check-config", description = {
    "Checks a configuration file. Exits 0 when it is valid; otherwise prints one line per problem",
    "(FILE:LINE:COL: what is wrong and what was expected) and exits 2. Runbook files (bundled, and the",
    "folder named by incidents.runbooks) are checked too: a runbook that cannot be read is a problem."})
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
        // a broken runbook is skipped by the console (its checklist steps would be missing): say so here
        RunbookLibrary runbooks = RunbookLibrary.forConfig(config.incidents().runbooks());
        if (!runbooks.problems().isEmpty()) {
            runbooks.problems().forEach(spec.commandLine().getOut()::println);
            return ExitCodes.USAGE;
        }
        long probed = config.endpoints().stream().filter(e -> e.probe() != null).count();
        spec.commandLine().getOut().println(file + ": OK, " + plural(config.sources().size(), "source")
                + (config.endpoints().isEmpty() ? "" : ", " + plural(config.endpoints().size(), "endpoint")
                        + " (" + probed + " probed)")
                + (config.maintenance().isEmpty() ? "" : ", " + plural(config.maintenance().size(), "maintenance window"))
                + ", " + plural(runbooks.all().size(), "runbook")
                + (config.notifications().isEmpty() ? "" : ", " + plural(config.notifications().size(),
                        "notification channel")));
        // key files that do not exist are warnings, not problems: the exit code stays 0
        ConfigReport.sshSummary(config, System.getProperty("user.name")).forEach(spec.commandLine().getOut()::println);
        return ExitCodes.OK;
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
