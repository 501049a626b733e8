package io.watchfloor.incidents;

import io.watchfloor.incidents.runbook.Runbook;
import io.watchfloor.incidents.runbook.RunbookStep;
import io.watchfloor.incidents.runbook.Runbooks;
import io.watchfloor.model.incident.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Runbooks in memory (the real library reads files; its own helper tests that). */
final class TestRunbooks implements Runbooks {
    private final List<Runbook> all;

    TestRunbooks(Runbook... runbooks) {
        this.all = List.of(runbooks);
    }

    /** A generic runbook (two steps, one required) and one for GpuXidErrors (three steps, one required). */
    static TestRunbooks standard() {
        return new TestRunbooks(
                new Runbook("generic", "Generic response", Map.of(), List.of(
                        new RunbookStep("confirm", Phase.DETECTION, "Confirm the alert is real", true, null),
                        new RunbookStep("notify", Phase.CLASSIFICATION, "Tell the customer channel", false, null)),
                        "generic.yaml"),
                new Runbook("gpu-xid", "GPU Xid errors", Map.of("alertname", Pattern.compile("GpuXid.*")), List.of(
                        new RunbookStep("read-xid", Phase.INVESTIGATION, "Read the Xid code from dmesg", false,
                                "dmesg -T | grep -i xid"),
                        new RunbookStep("drain", Phase.REMEDIATION, "Drain the node", true, null),
                        new RunbookStep("rma", Phase.POSTMORTEM, "Open an RMA if the GPU fell off the bus", false,
                                null)),
                        "gpu-xid.yaml"),
                new Runbook("endpoint-5xx", "Endpoint 5xx spike", Map.of("alertname", Pattern.compile("Endpoint5xx")),
                        List.of(new RunbookStep("logs", Phase.INVESTIGATION, "Read the serving logs", false, null)),
                        "endpoint-5xx.yaml"));
    }

    /** One generic runbook of {@code steps} steps, every one required (the crash test works through them). */
    static TestRunbooks longGeneric(int steps) {
        List<RunbookStep> list = new ArrayList<>();
        for (int i = 1; i <= steps; i++) {
            list.add(new RunbookStep(String.format("s%02d", i), Phase.values()[i % Phase.values().length],
                    "Step " + i, true, null));
        }
        return new TestRunbooks(new Runbook("long", "Long checklist", Map.of(), list, "long.yaml"));
    }

    @Override
    public List<Runbook> forAlert(Map<String, String> labels) {
        List<Runbook> out = new ArrayList<>(generic());
        all.stream().filter(r -> !r.generic() && r.matches(labels)).forEach(out::add);
        return out;
    }

    @Override
    public List<Runbook> generic() {
        return all.stream().filter(Runbook::generic).toList();
    }

    @Override
    public List<String> problems() {
        return List.of();
    }

    @Override
    public List<Runbook> all() {
        return all;
    }
}
