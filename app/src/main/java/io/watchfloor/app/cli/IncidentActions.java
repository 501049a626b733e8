package io.watchfloor.app.cli;

import io.watchfloor.app.runtime.IncidentDesk;
import io.watchfloor.incidents.ChecklistStep;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentException;
import io.watchfloor.incidents.NewIncident;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The incident subcommands that change something. Each prints one line that starts with the incident id (scripts
 * can cut it) once the change is durable, or the desk's reason on stderr with exit code 1.
 */
final class IncidentActions {
    private IncidentActions() {
    }

    /** What every action has: the desk options, --by, the parent that opens the desk. */
    abstract static class Action implements Callable<Integer> {
        @Mixin
        IncidentCommand.DeskOptions desk;

        @Option(names = "--by", paramLabel = "NAME",
                description = "who does it, for the timeline (default: incidents.user in the config, else the login name)")
        String by;

        @ParentCommand
        IncidentCommand parent;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        String id(String text) {
            return IncidentCommand.incidentId(spec, text);
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "Opens an incident by hand (a customer report, something seen before any alert).")
    static final class Open extends Action {
        @Option(names = "--title", required = true, paramLabel = "TITLE", description = "what is wrong, in a line")
        String title;

        @Option(names = "--severity", required = true, paramLabel = "P1..P4", description = "P1 (worst) to P4")
        String severity;

        @Option(names = "--host", paramLabel = "HOST", description = "an affected host (repeat for more)")
        List<String> hosts = List.of();

        @Option(names = "--endpoint", paramLabel = "ENDPOINT", description = "an affected endpoint id (repeat for more)")
        List<String> endpoints = List.of();

        @Override
        public Integer call() {
            Severity sev = Severity.parse(severity);
            if (sev == null) {
                throw new ParameterException(spec.commandLine(), "--severity: \"" + severity
                        + "\" is not a severity; expected P1, P2, P3 or P4");
            }
            if (title.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--title must not be empty");
            }
            NewIncident request = new NewIncident(title.strip(), sev, hosts, endpoints);
            return parent.withDesk(desk, spec, (d, config) -> {
                Incident i = IncidentCommand.await(d.incidents().open(request, IncidentCommand.actor(by, config)));
                Duration sla = Duration.between(i.detectedAt(), i.ackDeadline());
                out().println(i.id() + " opened (" + i.severity() + "): " + i.title() + "; acknowledge within "
                        + IncidentListCommand.shortDuration(sla) + ", by " + i.ackDeadline());
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true,
            description = "Acknowledges an incident: stops its response timer (from triage it moves to investigating).")
    static final class Ack extends Action {
        @Parameters(index = "0", paramLabel = "INC-n")
        String incident;

        @Override
        public Integer call() {
            String id = id(incident);
            return parent.withDesk(desk, spec, (d, config) -> {
                String actor = IncidentCommand.actor(by, config);
                Incident i = IncidentCommand.await(d.incidents().acknowledge(id, actor));
                String sla = i.acknowledgedAt() != null && i.acknowledgedAt().isAfter(i.ackDeadline())
                        ? "breached (" + IncidentListCommand.shortDuration(Duration.between(i.ackDeadline(),
                        i.acknowledgedAt())) + " late)" : "met";
                out().println(i.id() + " acknowledged by " + (i.acknowledgedBy() == null ? actor : i.acknowledgedBy())
                        + "; response SLA " + sla);
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "note", mixinStandardHelpOptions = true, description = "Adds a note to an incident's timeline.")
    static final class Note extends Action {
        @Parameters(index = "0", paramLabel = "INC-n")
        String incident;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "the note (quotes optional)")
        List<String> words;

        @Override
        public Integer call() {
            String id = id(incident);
            String text = String.join(" ", words).strip();
            if (text.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "the note is empty");
            }
            return parent.withDesk(desk, spec, (d, config) -> {
                Incident i = IncidentCommand.await(d.incidents().addNote(id, text, IncidentCommand.actor(by, config)));
                out().println(i.id() + " note added");
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "step", mixinStandardHelpOptions = true,
            description = "Marks a checklist step done (--undo: not done again). Keys look like RUNBOOK-ID/STEP-ID.")
    static final class Step extends Action {
        @Parameters(index = "0", paramLabel = "INC-n")
        String incident;

        @Parameters(index = "1", paramLabel = "STEP-KEY")
        String key;

        @Option(names = "--undo", description = "mark the step not done")
        boolean undo;

        @Override
        public Integer call() {
            String id = id(incident);
            String stepKey = key.strip();
            return parent.withDesk(desk, spec, (d, config) -> {
                Optional<Incident> before = d.incidents().find(id);
                if (before.isPresent() && before.get().checklist().stream().noneMatch(s -> s.key().equals(stepKey))) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("watchfloor incident: " + id + " has no checklist step " + stepKey + "; its steps are:");
                    printSteps(err, before.get().checklist());
                    return ExitCodes.FAILED;
                }
                Incident i = IncidentCommand.await(d.incidents().setStep(id, stepKey, !undo,
                        IncidentCommand.actor(by, config)));
                out().println(i.id() + " step " + stepKey + (undo ? " not done" : " done") + " (" + i.checklistDone()
                        + "/" + i.checklistTotal() + " done)");
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = {
        "Moves an incident's status: triage, investigating, mitigated, resolved or closed.",
        "Resolving with required checklist steps open needs --override REASON."})
    static final class Status extends Action {
        @Parameters(index = "0", paramLabel = "INC-n")
        String incident;

        @Parameters(index = "1", paramLabel = "STATUS")
        String status;

        @Option(names = "--override", paramLabel = "REASON", description = "why it may be resolved with required steps open")
        String override;

        @Override
        public Integer call() {
            String id = id(incident);
            IncidentStatus to = IncidentStatus.parse(status);
            if (to == null) {
                throw new ParameterException(spec.commandLine(), "\"" + status + "\" is not a status; expected one of: "
                        + Arrays.stream(IncidentStatus.values()).map(IncidentStatus::wireName)
                        .collect(Collectors.joining(", ")));
            }
            return move(this, id, to, override, "status " + id + " resolved");
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true, description = {
        "Resolves an incident. Required checklist steps still open block it unless --override gives a reason",
        "(recorded on the timeline and in the postmortem)."})
    static final class Resolve extends Action {
        @Parameters(index = "0", paramLabel = "INC-n")
        String incident;

        @Option(names = "--override", paramLabel = "REASON", description = "why it may be resolved with required steps open")
        String override;

        @Override
        public Integer call() {
            String id = id(incident);
            return move(this, id, IncidentStatus.RESOLVED, override, "resolve " + id);
        }
    }

    /** @param retry the subcommand and arguments to repeat with --override, for the hint */
    private static int move(Action a, String id, IncidentStatus to, String override, String retry) {
        String reason = override == null || override.isBlank() ? null : override.strip();
        return a.parent.withDesk(a.desk, a.spec, (d, config) -> {
            try {
                Incident i = IncidentCommand.await(d.incidents().moveTo(id, to, IncidentCommand.actor(a.by, config),
                        reason));
                a.out().println(i.id() + " is " + i.status().wireName() + (reason == null || to != IncidentStatus.RESOLVED
                        ? "" : " (required steps overridden: " + reason + ")"));
                return ExitCodes.OK;
            } catch (IncidentException e) {
                if (e.kind() != IncidentException.Kind.REQUIRED_STEPS_OPEN) {
                    throw e;
                }
                refusedForSteps(a.spec.commandLine().getErr(), d, id, e, retry);
                return ExitCodes.FAILED;
            }
        });
    }

    private static void refusedForSteps(PrintWriter err, IncidentDesk d, String id, IncidentException e, String retry) {
        err.println("watchfloor incident: " + e.getMessage());
        d.incidents().find(id).map(Incident::openRequiredSteps).filter(s -> !s.isEmpty()).ifPresent(open -> {
            err.println("Required steps still open on " + id + ":");
            printSteps(err, open);
            err.println("Mark them done with: watchfloor incident step " + id + " STEP-KEY");
        });
        err.println("Or resolve anyway, giving the reason: watchfloor incident " + retry + " --override \"REASON\"");
    }

    private static void printSteps(PrintWriter err, List<ChecklistStep> steps) {
        int width = steps.stream().mapToInt(s -> s.key().length()).max().orElse(0);
        for (ChecklistStep s : steps) {
            err.println("  " + s.key() + " ".repeat(width - s.key().length() + 2) + (s.done() ? "[done] " : "")
                    + (s.required() ? "(required) " : "") + s.text().replaceAll("\\s+", " ").strip());
        }
    }
}
