package io.watchfloor.app.cli;

import io.watchfloor.app.files.AtomicFiles;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentException;
import java.io.PrintWriter;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true, description = {
    "Exports an incident's postmortem (Markdown, ready for Confluence or Jira): summary, impact with SLA minutes",
    "per endpoint, alerts, timeline, root cause, resolution, checklist and action items.",
    "The file is replaced whole or not at all; --out - prints it."})
final class IncidentExportCommand implements Callable<Integer> {
    @Mixin
    IncidentCommand.DeskOptions desk;

    @Parameters(index = "0", paramLabel = "INC-n")
    String incident;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "md", description = "md (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "file to write, or - for stdout")
    Path out;

    @ParentCommand
    IncidentCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.toLowerCase(Locale.ROOT).equals("md")) {
            throw new ParameterException(spec.commandLine(), "--format: \"" + format
                    + "\" is not supported; expected md (Markdown)");
        }
        String id = IncidentCommand.incidentId(spec, incident);
        boolean toStdout = out.toString().equals("-");
        if (!toStdout && Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out: " + out + " is a directory; give a file name,"
                    + " e.g. " + out.resolve(id + "-postmortem.md"));
        }
        return parent.withDesk(desk, spec, (d, config) -> {
            Incident i = d.incidents().find(id).orElseThrow(() -> new IncidentException(
                    IncidentException.Kind.NOT_FOUND, "no incident " + id + " in " + desk.dataDir));
            String markdown = d.postmortems().render(i, d.clock().instant());
            PrintWriter stdout = spec.commandLine().getOut();
            if (toStdout) {
                stdout.print(markdown);
                return ExitCodes.OK;
            }
            try {
                AtomicFiles.writeString(out, markdown);
            } catch (IOException e) {
                spec.commandLine().getErr().println("watchfloor incident: cannot write " + out + ": " + reason(e));
                return ExitCodes.FAILED;
            }
            stdout.println(i.id() + " postmortem written to " + out);
            return ExitCodes.OK;
        });
    }

    /** The file system's words ("Permission denied", "Not a directory") rather than a bare path. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? kind : kind + " (" + e.getMessage() + ")";
    }
}
