package io.watchfloor.app.ui.incidents;

import io.watchfloor.app.ui.FxExecutor;
import io.watchfloor.app.ui.PostmortemExporter;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.TimelineKind;
import io.watchfloor.model.WallSnapshot;
import io.watchfloor.model.endpoint.SlaBoard;
import io.watchfloor.model.incident.AlertState;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Phase;
import io.watchfloor.model.incident.Severity;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * Incidents as an incident lead meets them at 14:00 UTC: a fresh P1 counting down, a P2 whose response SLA is
 * breached, a P3 being worked, a P4 with a day to go, and a P1 resolved yesterday.
 */
public final class IncidentFixtures {
    public static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");
    public static final String ACTOR = "ana";
    public static final String DMESG = "gpu-xid/dmesg";
    public static final String DRAIN = "gpu-xid/drain";
    public static final String COMMS = "generic/comms";

    private IncidentFixtures() {
    }

    /** INC-7: P1, detected 2m19s ago: "ack in 12:41"; 1 of 3 steps done (2 required open); 1 of 2 alerts firing. */
    public static Incident gpuXid(long snapshotAttachment) {
        Instant detected = T0.minusSeconds(139);
        IncidentBuilder b = IncidentBuilder.incident(7, Severity.P1, "GPU Xid errors on gpu-03", detected)
                .hosts("gpu-03")
                .alert("fp-xid-03", "GpuXidErrors", AlertState.ACTIVE, detected, "Xid 79 (GPU fell off the bus) on gpu-03 GPU 5")
                .alert("fp-ecc-03", "GpuEccErrors", AlertState.RESOLVED, detected.minusSeconds(30), "uncorrectable ECC errors on gpu-03")
                .step(DMESG, Phase.DETECTION, "Confirm the Xid code in the kernel log", true, "ssh gpu-03 'dmesg -T | grep -i xid'")
                .stepDone(COMMS, Phase.CLASSIFICATION, "Post in #incidents who leads", false, T0.minusSeconds(60), ACTOR)
                .step(DRAIN, Phase.REMEDIATION, "Drain gpu-03 from the scheduler before resetting the GPU", true, null);
        if (snapshotAttachment > 0) {
            b.entry(detected.plusSeconds(6), TimelineKind.SNAPSHOT, "watchfloor", "Wall at detection: gpu-03",
                    snapshotAttachment);
        }
        return b.build();
    }

    /** INC-5: P2 detected 70 minutes ago, not acknowledged: breached by 10 minutes. */
    public static Incident breached() {
        return IncidentBuilder.incident(5, Severity.P2, "Endpoint 5xx spike on chat-azure", T0.minus(Duration.ofMinutes(70)))
                .alert("fp-5xx", "EndpointServerErrors", AlertState.ACTIVE, T0.minus(Duration.ofMinutes(70)), "5xx at 12%")
                .step("endpoint-5xx/provider-status", Phase.INVESTIGATION, "Check the provider's status page", true, null)
                .build();
    }

    /** INC-6: P3 acknowledged 4 minutes after detection, investigating, led by bob. */
    public static Incident acked() {
        Instant detected = T0.minus(Duration.ofMinutes(30));
        return IncidentBuilder.incident(6, Severity.P3, "Latency SLO burn on llama-onprem", detected)
                .status(IncidentStatus.INVESTIGATING).lead("bob").acknowledged(detected.plus(Duration.ofMinutes(4)), "bob")
                .alert("fp-lat", "LatencySloBurn", AlertState.SILENCED, detected, "p95 over 2 s for 10 minutes")
                .build();
    }

    /** INC-8: P4 just detected: a day to acknowledge. */
    public static Incident low() {
        return IncidentBuilder.incident(8, Severity.P4, "Disk 85% full on gpu-05", T0).hosts("gpu-05").build();
    }

    /** INC-3: P1 resolved yesterday. */
    public static Incident resolved() {
        Instant detected = T0.minus(Duration.ofHours(26));
        IncidentBuilder b = IncidentBuilder.incident(3, Severity.P1, "Endpoint down: vertex-gemini", detected)
                .acknowledged(detected.plus(Duration.ofMinutes(6)), "carol").status(IncidentStatus.RESOLVED);
        b.resolvedAt = detected.plus(Duration.ofMinutes(48));
        return b.build();
    }

    public static FakeIncidents desk(TestClock clock) {
        FakeIncidents desk = new FakeIncidents(clock);
        long png = desk.storeAttachment(png(320, 180));
        return desk.seed(gpuXid(png), breached(), acked(), low(), resolved());
    }

    public static WatchfloorConfig config() {
        return new WatchfloorConfig(Path.of("test.yaml"), List.of(), WallConfig.DEFAULTS, CacheConfig.DEFAULTS);
    }

    /** A context over a fixed snapshot and this desk; {@code exporter} may be null (export unavailable). */
    public static ViewContext context(TestClock clock, FakeIncidents desk, Supplier<WallSnapshot> current,
                                      List<Consumer<WallSnapshot>> listeners, PostmortemExporter exporter) {
        return new ViewContext(config(), clock, current, l -> {
            listeners.add(l);
            return () -> listeners.remove(l);
        }, FxExecutor.FX, () -> SlaBoard.empty(T0), Map.of()).withIncidents(desk, ACTOR, exporter);
    }

    /** A small PNG standing in for the wall snapshot: a dark frame with red and green tiles. */
    public static byte[] png(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x0d1117));
        g.fillRect(0, 0, w, h);
        for (int k = 0; k < 8; k++) {
            g.setColor(k == 5 ? new Color(0xff4d4f) : new Color(0x3fb950));
            g.fillRect(10 + k * (w - 20) / 8, h / 3, (w - 20) / 8 - 6, h / 3);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
