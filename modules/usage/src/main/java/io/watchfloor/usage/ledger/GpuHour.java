package io.watchfloor.usage.ledger;

import java.time.Instant;

/**
 * One GPU's use in one hour of the ledger, for idle-GPU hints and instance hours.
 *
 * @param tileId        "gpu-a1/gpu3" (host + index, see TileKey.id())
 * @param observedMillis time samples covered in the hour
 * @param idleHeldMillis of that, time with memory allocated (over 1 GiB) at under 5 % utilisation
 * @param utilPctMillis  sum of utilisation % x millis, so utilPctMillis / observedMillis is the mean
 * @param memUsedMibMillis sum of MiB used x millis
 * @param memTotalMib   the GPU's memory size, 0 when unknown
 */
public record GpuHour(String host, String tileId, Instant hour, long observedMillis, long idleHeldMillis,
                      double utilPctMillis, double memUsedMibMillis, double memTotalMib) {
}
