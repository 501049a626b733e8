package io.watchfloor.incidents;

import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.model.incident.Severity;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Runs in a child JVM for {@link IncidentCrashTest}: opens the cache and the incident desk in the given data
 * directory (production settings), prints "DONE INC-n STEP-KEY" for every step it finds done and then
 * "READY", then works checklists flat out: the first open incident
 * with steps left, else a new one opened by hand, ticking its steps one by one and printing
 * "ACK INC-n STEP-KEY" only after the command's future completed. With "hold" as second argument it prints
 * "READY" and waits to be killed. It never closes anything.
 */
public final class CrashChild {
    static final int STEPS = 60;

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        H2TelemetryStore cache = H2TelemetryStore.open(Path.of(args[0]), RetentionPolicy.DEFAULTS, null);
        IncidentService desk = IncidentService.open(cache.database(), IncidentsConfig.DEFAULTS,
                TestRunbooks.longGeneric(STEPS), Clock.systemUTC(), List.of());
        // what this restart found: the parent checks it against every step acknowledged before the kill
        for (Incident i : desk.board().incidents()) {
            for (ChecklistStep step : i.checklist()) {
                if (step.done()) {
                    System.out.println("DONE " + i.id() + " " + step.key());
                }
            }
        }
        System.out.println("READY");
        System.out.flush();
        if (args.length > 1 && args[1].equals("hold")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        while (true) {
            Incident work = desk.board().open().stream().filter(i -> i.checklistDone() < i.checklistTotal())
                    .findFirst().orElse(null);
            if (work == null) {
                work = desk.open(new NewIncident("checklist under kill -9", Severity.P2, List.of(), List.of()),
                        "crash").get();
            }
            for (ChecklistStep step : work.checklist()) {
                if (!step.done()) {
                    desk.setStep(work.id(), step.key(), true, "crash").get();
                    System.out.println("ACK " + work.id() + " " + step.key());
                    System.out.flush();
                }
            }
        }
    }
}
