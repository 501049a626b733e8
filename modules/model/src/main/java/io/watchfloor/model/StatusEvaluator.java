package io.watchfloor.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Judges a reading at a given moment. Pure and cheap: views call it on every repaint so ages grow
 * between polls.
 *
 * Rule order: stale wins over everything (an old red value must not look current), then an unreachable host,
 * then hard faults (Xid, ECC, a model service down), then thresholds; a reading without any utilisation or
 * temperature is unknown.
 */
public final class StatusEvaluator {
    private final Thresholds thresholds;

    public StatusEvaluator(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * @param sourceHealthy whether the reading's source answered its last poll
     * @param staleAfter    a reading older than this is stale even if its source looks healthy
     */
    public TileState evaluate(Reading r, boolean sourceHealthy, Instant now, Duration staleAfter) {
        double age = Math.max(0, Duration.between(r.sampledAt(), now).toMillis() / 1000.0);
        if (!sourceHealthy) {
            return new TileState(r, TileStatus.STALE, "source down", age);
        }
        if (age > staleAfter.toMillis() / 1000.0) {
            return new TileState(r, TileStatus.STALE, "no update for " + Ages.format(age), age);
        }
        if (r.flags().contains(Flag.UNREACHABLE)) {
            // the host is the problem; its GPUs' last values are old news, not a fault of their own
            return r.key().kind() == TileKind.HOST ? new TileState(r, TileStatus.CRIT, "unreachable", age)
                    : new TileState(r, TileStatus.STALE, "host unreachable", age);
        }
        if (r.flags().contains(Flag.XID)) {
            Double xid = r.value(Metric.XID_LAST);
            return new TileState(r, TileStatus.CRIT, xid == null ? "Xid error" : "Xid " + xid.intValue(), age);
        }
        if (r.flags().contains(Flag.ECC)) {
            return new TileState(r, TileStatus.CRIT, "ECC errors", age);
        }
        if (r.flags().contains(Flag.SERVICE)) {
            Double down = r.value(Metric.SERVICES_DOWN);
            return new TileState(r, TileStatus.CRIT, down == null || down <= 1 ? "service down"
                    : down.intValue() + " services down", age);
        }
        TileStatus worst = TileStatus.OK;
        String reason = "";
        Double temp = r.value(Metric.TEMP_C);
        if (temp != null && thresholds.tempC().classify(temp).compareTo(worst) > 0) {
            worst = thresholds.tempC().classify(temp);
            reason = "temp " + Math.round(temp) + " °C";
        }
        Double memPct = memPct(r);
        if (memPct != null && thresholds.memPct().classify(memPct).compareTo(worst) > 0) {
            worst = thresholds.memPct().classify(memPct);
            reason = "memory " + Math.round(memPct) + "%";
        }
        Double cpu = r.value(Metric.CPU_PCT);
        if (cpu != null && thresholds.cpuPct().classify(cpu).compareTo(worst) > 0) {
            worst = thresholds.cpuPct().classify(cpu);
            reason = "CPU " + Math.round(cpu) + "%";
        }
        Double disk = r.value(Metric.DISK_USED_PCT);
        if (disk != null && thresholds.diskPct().classify(disk).compareTo(worst) > 0) {
            worst = thresholds.diskPct().classify(disk);
            reason = "disk " + Math.round(disk) + "%";
        }
        if (worst == TileStatus.OK && (r.flags().contains(Flag.THROTTLE) || r.flags().contains(Flag.HELD_IDLE))) {
            worst = TileStatus.WARN;
            reason = r.flags().contains(Flag.THROTTLE) ? "throttled" : "held idle";
        }
        if (worst == TileStatus.OK && !r.has(Metric.UTIL_PCT) && !r.has(Metric.TEMP_C) && !r.has(Metric.CPU_PCT)) {
            return new TileState(r, TileStatus.UNKNOWN, "no reading", age);
        }
        return new TileState(r, worst, reason, age);
    }

    /** Memory use in percent, or null when used or total is missing. */
    public static Double memPct(Reading r) {
        Double used = r.value(Metric.MEM_USED_MIB);
        Double total = r.value(Metric.MEM_TOTAL_MIB);
        if (used == null || total == null || total <= 0) {
            return null;
        }
        return 100.0 * used / total;
    }

    public Thresholds thresholds() {
        return thresholds;
    }
}
