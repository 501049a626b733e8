package io.watchfloor.sources.nvidia;

import java.time.Instant;

/**
 * One Xid the NVIDIA kernel driver logged.
 *
 * @param at      when the kernel logged it, null for a line without a timestamp
 * @param pci     the GPU's address in {@code pci.bus_id} form ("00000000:3B:00.0")
 * @param pid     the process that ran when it happened, null when the line does not say
 * @param process that process's name, or null
 * @param text    the driver's words after code, pid and name ("GPU has fallen off the bus")
 */
public record XidEvent(Instant at, String pci, int code, Long pid, String process, String text) {
}
