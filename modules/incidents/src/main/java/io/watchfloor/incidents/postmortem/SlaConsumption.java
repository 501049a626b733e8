package io.watchfloor.incidents.postmortem;

import io.watchfloor.model.endpoint.AvailabilityHistory;
import io.watchfloor.model.endpoint.AvailabilitySegment;
import io.watchfloor.model.endpoint.MaintenanceWindow;
import io.watchfloor.model.endpoint.SlaCalculator;
import io.watchfloor.model.endpoint.SlaFigures;
import io.watchfloor.model.endpoint.SlaWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an incident cost one endpoint's SLA: its time up, down, unmeasured and in planned maintenance over
 * [from, to), from the availability ledger, counted exactly as the SLA figures are ({@link SlaCalculator}:
 * maintenance taken out first, time without evidence never counted as down).
 *
 * @param downSeconds the SLA minutes consumed (in seconds)
 */
public record SlaConsumption(String endpointId, Instant from, Instant to, double upSeconds, double downSeconds,
                             double unknownSeconds, double maintenanceSeconds) {
    /** The calculator's windows end at "now"; its longest covers 90 days, so longer stretches go in pieces. */
    private static final Duration PIECE = Duration.ofDays(90);
    /** Up and down seconds do not depend on the target; the calculator wants a valid one. */
    private static final double ANY_TARGET_PCT = 99.5;

    /** True when the ledger judged the endpoint at all in the stretch; otherwise there is no SLA data. */
    public boolean measured() {
        return upSeconds + downSeconds > 0;
    }

    public double measuredSeconds() {
        return upSeconds + downSeconds;
    }

    /**
     * Reads the endpoint's segments once and accounts [from, to). Blocks on the history's I/O.
     *
     * @param maintenance all configured windows; those for other endpoints are ignored
     */
    public static SlaConsumption compute(AvailabilityHistory history, List<MaintenanceWindow> maintenance,
                                         String endpointId, Instant from, Instant to) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(maintenance, "maintenance");
        Objects.requireNonNull(endpointId, "endpointId");
        if (!to.isAfter(from)) {
            return new SlaConsumption(endpointId, from, to, 0, 0, 0, 0);
        }
        List<AvailabilitySegment> segments = history.segments(endpointId, from, to);
        double up = 0;
        double down = 0;
        double inMaintenance = 0;
        Instant pieceEnd = to;
        while (pieceEnd.isAfter(from)) {
            Instant pieceStart = later(from, pieceEnd.minus(PIECE));
            // both clipped to the piece, so the calculator's 90-day window sees nothing outside it
            SlaFigures f = SlaCalculator.compute(endpointId, clip(segments, pieceStart, pieceEnd),
                    clip(maintenance, endpointId, pieceStart, pieceEnd), SlaWindow.LAST_90D, pieceEnd,
                    ZoneOffset.UTC, ANY_TARGET_PCT);
            up += f.upSeconds();
            down += f.downSeconds();
            inMaintenance += f.maintenanceSeconds();
            pieceEnd = pieceStart;
        }
        double length = Duration.between(from, to).toNanos() / 1e9;
        double unknown = Math.max(0, length - up - down - inMaintenance);
        return new SlaConsumption(endpointId, from, to, up, down, unknown, inMaintenance);
    }

    private static List<AvailabilitySegment> clip(List<AvailabilitySegment> segments, Instant from, Instant to) {
        List<AvailabilitySegment> out = new ArrayList<>(segments.size());
        for (AvailabilitySegment s : segments) {
            Instant a = later(s.from(), from);
            Instant b = earlier(s.to(), to);
            if (b.isAfter(a)) {
                out.add(new AvailabilitySegment(s.endpointId(), s.state(), a, b, s.detail()));
            }
        }
        return out;
    }

    private static List<MaintenanceWindow> clip(List<MaintenanceWindow> windows, String endpointId, Instant from,
                                                Instant to) {
        List<MaintenanceWindow> out = new ArrayList<>();
        for (MaintenanceWindow m : windows) {
            Instant a = later(m.from(), from);
            Instant b = earlier(m.to(), to);
            if (m.appliesTo(endpointId) && b.isAfter(a)) {
                out.add(new MaintenanceWindow(m.endpointId(), a, b, m.reason()));
            }
        }
        return out;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
