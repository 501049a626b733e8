package io.watchfloor.usage.report;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.PriceModel;
import io.watchfloor.config.PriceTable;
import io.watchfloor.usage.CostLine;
import io.watchfloor.usage.ReportWindow;
import io.watchfloor.usage.ledger.GpuHour;
import io.watchfloor.usage.ledger.UsageHistory;
import io.watchfloor.usage.ledger.UsageSums;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cost lines of a report: tokens of the priced endpoints and instance hours of the priced hosts, one line per price
 * table in force during the window. A table applies from 00:00 of its date in the report's zone, so the window is
 * cut at those midnights and each piece is priced by its own table.
 */
final class Costs {
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    /** What the cost part of a report says. */
    record Result(Map<String, List<CostLine>> byEndpoint, List<CostLine> hosts, List<String> notes) {
    }

    /** A run of days priced by one table (null: before the model's first table). */
    record Piece(LocalDate firstDay, LocalDate lastDay, PriceTable table) {
        Instant from(ReportWindow w) {
            return firstDay.atStartOfDay(w.zone()).toInstant();
        }

        Instant to(ReportWindow w) {
            return lastDay.plusDays(1).atStartOfDay(w.zone()).toInstant();
        }
    }

    private Costs() {
    }

    static Result compute(Scopes scopes, Scopes.Resolved scope, ReportWindow window, UsageHistory usage,
                          List<GpuHour> gpuHours) {
        Map<String, List<CostLine>> byEndpoint = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        // endpoints priced by the same model share its pieces: one ledger read per piece, not per endpoint
        Map<PriceModel, List<String>> endpointsByModel = new LinkedHashMap<>();
        for (EndpointConfig e : scope.endpoints()) {
            byEndpoint.put(e.id(), new ArrayList<>());
            PriceModel model = scopes.priceOf(e.id());
            if (model == null) {
                notes.add("no price table for " + e.id() + ": its cost is not in the report");
            } else {
                endpointsByModel.computeIfAbsent(model, m -> new ArrayList<>()).add(e.id());
            }
        }
        for (Map.Entry<PriceModel, List<String>> entry : endpointsByModel.entrySet()) {
            PriceModel model = entry.getKey();
            for (Piece piece : pieces(model, window)) {
                if (piece.table() == null) {
                    entry.getValue().forEach(id -> notes.add(noPriceBefore(id, model)));
                    continue;
                }
                Map<String, UsageSums> sums = usage.totals(entry.getValue(), piece.from(window), piece.to(window));
                for (String id : entry.getValue()) {
                    UsageSums s = sums.get(id);
                    if (s != null) {
                        byEndpoint.get(id).addAll(tokenLines(id, model, piece, s));
                    }
                }
            }
        }
        List<CostLine> hostLines = new ArrayList<>();
        for (String host : scope.hosts()) {
            PriceModel model = scopes.priceOfHost(host);
            if (model == null || model.tables().stream().allMatch(t -> t.instanceHour() == null)) {
                continue;
            }
            for (Piece piece : pieces(model, window)) {
                if (piece.table() == null) {
                    notes.add(noPriceBefore(host, model));
                } else if (piece.table().instanceHour() != null) {
                    double hours = instanceHours(gpuHours, host, piece.from(window), piece.to(window));
                    if (hours > 0) {
                        hostLines.add(line(host, model, CostLine.Basis.INSTANCE_HOURS, piece, hours,
                                piece.table().instanceHour(), BigDecimal.valueOf(hours)
                                        .multiply(piece.table().instanceHour())));
                    }
                }
            }
        }
        return new Result(byEndpoint, hostLines, notes);
    }

    /** The window cut where the model's price table changes. */
    static List<Piece> pieces(PriceModel model, ReportWindow window) {
        List<Piece> out = new ArrayList<>();
        LocalDate start = window.firstDay();
        PriceTable current = model.tableOn(start);
        for (LocalDate d = start.plusDays(1); !d.isAfter(window.lastDay()); d = d.plusDays(1)) {
            PriceTable t = model.tableOn(d);
            if (t != current) {
                out.add(new Piece(start, d.minusDays(1), current));
                start = d;
                current = t;
            }
        }
        out.add(new Piece(start, window.lastDay(), current));
        return out;
    }

    /**
     * Hours a host was observed in [from, to): per hour the longest any of its GPUs was seen (a host is billed
     * while it runs, not per GPU), summed.
     */
    static double instanceHours(List<GpuHour> gpuHours, String host, Instant from, Instant to) {
        Map<Instant, Long> longestPerHour = new HashMap<>();
        for (GpuHour g : gpuHours) {
            if (g.host().equals(host) && !g.hour().isBefore(from) && g.hour().isBefore(to)) {
                longestPerHour.merge(g.hour(), g.observedMillis(), Math::max);
            }
        }
        return longestPerHour.values().stream().mapToLong(Long::longValue).sum() / MILLIS_PER_HOUR;
    }

    private static List<CostLine> tokenLines(String endpointId, PriceModel model, Piece piece, UsageSums s) {
        List<CostLine> out = new ArrayList<>(2);
        PriceTable t = piece.table();
        if (t.inputPer1k() != null) {
            out.add(line(endpointId, model, CostLine.Basis.TOKENS_IN, piece, s.tokensIn(), t.inputPer1k(),
                    perThousand(s.tokensIn(), t.inputPer1k())));
        }
        if (t.outputPer1k() != null) {
            out.add(line(endpointId, model, CostLine.Basis.TOKENS_OUT, piece, s.tokensOut(), t.outputPer1k(),
                    perThousand(s.tokensOut(), t.outputPer1k())));
        }
        return out;
    }

    private static BigDecimal perThousand(double tokens, BigDecimal pricePer1k) {
        return BigDecimal.valueOf(tokens).multiply(pricePer1k).divide(THOUSAND);
    }

    private static CostLine line(String subject, PriceModel model, CostLine.Basis basis, Piece piece, double quantity,
                                 BigDecimal unitPrice, BigDecimal exactAmount) {
        // rounded per line, as an invoice does: the total is the sum of what the lines show
        return new CostLine(subject, model.model(), basis, piece.table().from(), piece.firstDay(), piece.lastDay(),
                quantity, unitPrice, model.currency(), exactAmount.setScale(2, RoundingMode.HALF_EVEN));
    }

    private static String noPriceBefore(String subject, PriceModel model) {
        if (model.tables().isEmpty()) {
            return "no price for " + subject + " (model " + model.model() + " has no price table)";
        }
        return "no price for " + subject + " before " + model.tables().get(0).from() + " (model " + model.model()
                + "): that part of the window has no cost";
    }
}
