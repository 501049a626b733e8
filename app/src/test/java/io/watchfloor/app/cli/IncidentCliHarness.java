package io.watchfloor.app.cli;

import static io.watchfloor.app.cli.IncidentSamples.NOW;

import io.watchfloor.app.runtime.IncidentDesk;
import io.watchfloor.model.endpoint.Availability;
import io.watchfloor.model.endpoint.AvailabilityHistory;
import io.watchfloor.model.endpoint.AvailabilitySegment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs `watchfloor incident ...` through picocli against a {@link FakeIncidents} desk at {@link IncidentSamples#NOW},
 * with a config file in a temp directory (incidents.user: cfg-user) and a fake availability ledger.
 */
abstract class IncidentCliHarness {
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Instant INC3_DETECTED = IncidentSamples.triageP1().detectedAt();
    /** llama-70b-chat (linked to INC-3) down for the first 2 minutes after INC-3's detection. */
    static final AvailabilityHistory LEDGER = (endpoint, from, to) -> !endpoint.equals("llama-70b-chat")
            ? List.of() : List.of(new AvailabilitySegment(endpoint, Availability.DOWN, INC3_DETECTED,
            INC3_DETECTED.plusSeconds(120), "HTTP 503"));

    @TempDir
    Path tmp;
    Path config;
    Path dataDir;
    FakeIncidents fake;
    final List<Path> openedOn = new ArrayList<>();
    boolean released;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUpDesk() throws IOException {
        config = tmp.resolve("watchfloor.yaml");
        Files.writeString(config, "sources: [{id: demo, type: demo}]\nincidents: {user: cfg-user}\n");
        dataDir = tmp.resolve("data");
        fake = new FakeIncidents(CLOCK).with(IncidentSamples.resolvedP3()).with(IncidentSamples.ackedP2())
                .with(IncidentSamples.triageP1()).with(IncidentSamples.breachedP1());
    }

    /** Runs against {@link #fake}, noting each data directory a desk was opened on. */
    Run run(String... args) {
        return run(new IncidentCommand((cfg, dir) -> {
            openedOn.add(dir);
            return new IncidentDesk(fake, LEDGER, cfg.maintenance(), CLOCK, () -> released = true);
        }), args);
    }

    static Run run(IncidentCommand command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The subcommand, the common options, then the subcommand's own arguments. */
    String[] args(String sub, String... rest) {
        return Stream.concat(Stream.of(sub, "--config", config.toString(), "--data-dir", dataDir.toString()),
                Stream.of(rest)).toArray(String[]::new);
    }
}
