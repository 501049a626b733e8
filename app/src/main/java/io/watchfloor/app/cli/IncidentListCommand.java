package io.watchfloor.app.cli;

import io.watchfloor.app.snapshot.IncidentsStateJson;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentBoard;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = {
    "Lists the open incidents, most urgent first, with their response timers.",
    "--all adds those resolved or closed in the last " + IncidentBoard.RECENT_DAYS + " days; --json prints the",
    "same objects as `snapshot --view incidents` writes."})
final class IncidentListCommand implements Callable<Integer> {
    private static final List<String> HEADER = List.of("ID", "SEV", "STATUS", "RESPONSE", "CHECKLIST", "ALERTS", "TITLE");

    @Mixin
    IncidentCommand.DeskOptions desk;

    @Option(names = "--all", description = "also incidents resolved or closed in the last " + IncidentBoard.RECENT_DAYS + " days")
    boolean all;

    @Option(names = "--json", description = "JSON instead of a table")
    boolean json;

    @ParentCommand
    IncidentCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return parent.withDesk(desk, spec, (d, config) -> {
            IncidentBoard board = d.incidents().board();
            List<Incident> shown = all ? board.incidents() : board.open();
            Instant now = d.clock().instant();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                IncidentsStateJson.write(board, shown, now, out);
                out.println();
            } else {
                printTable(out, shown, now);
            }
            return ExitCodes.OK;
        });
    }

    private void printTable(PrintWriter out, List<Incident> incidents, Instant now) {
        if (incidents.isEmpty()) {
            out.println(all ? "No incidents open or resolved in the last " + IncidentBoard.RECENT_DAYS + " days."
                    : "No open incidents.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Incident i : incidents) {
            rows.add(List.of(i.id(), i.severity().name(), i.status().wireName(), response(i, now),
                    i.checklistDone() + "/" + i.checklistTotal(), i.firingAlerts() + "/" + i.alerts().size(),
                    oneLine(i.title())));
        }
        int[] width = new int[HEADER.size()];
        for (List<String> r : rows) {
            for (int c = 0; c < r.size(); c++) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.size(); c++) {
                String cell = r.get(c);
                // the title is last and not padded, so long titles need no truncation
                line.append(c == r.size() - 1 ? cell : cell + " ".repeat(width[c] - cell.length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** "ack in 12m", "BREACHED 3m ago", "acked by ana", "acked by ana (late)". */
    static String response(Incident i, Instant now) {
        return switch (i.responseState(now)) {
            case COUNTING -> "ack in " + shortDuration(i.ackRemaining(now));
            case BREACHED -> "BREACHED " + shortDuration(i.ackRemaining(now)) + " ago";
            case MET -> acked(i);
            case MET_LATE -> acked(i) + " (late)";
        };
    }

    private static String acked(Incident i) {
        return i.acknowledgedBy() == null || i.acknowledgedBy().isBlank() ? "acked" : "acked by " + i.acknowledgedBy();
    }

    /** "45s", "12m" (whole minutes, rounded down), "1h05m", "2d03h"; the sign is dropped (callers say "ago"). */
    static String shortDuration(Duration d) {
        long s = Math.abs(d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3_600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3_600, s % 3_600 / 60);
        }
        return String.format(java.util.Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3_600);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
