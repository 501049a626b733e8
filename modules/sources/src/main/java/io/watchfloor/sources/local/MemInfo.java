package io.watchfloor.sources.local;

import java.util.OptionalLong;

/**
 * The two {@code /proc/meminfo} values a host tile needs, in KiB. Used memory is MemTotal - MemAvailable:
 * page cache that the kernel gives back on demand is not "used" for an operator.
 *
 * @param availableKib empty on kernels before 3.14, which have no MemAvailable
 */
public record MemInfo(OptionalLong totalKib, OptionalLong availableKib) {

    public static MemInfo parse(String procMeminfo) {
        return new MemInfo(field(procMeminfo, "MemTotal:"), field(procMeminfo, "MemAvailable:"));
    }

    private static OptionalLong field(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name)).findFirst().map(l -> {
            String[] f = l.substring(name.length()).trim().split("\\s+");
            try {
                return OptionalLong.of(Long.parseLong(f[0]));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }).orElse(OptionalLong.empty());
    }
}
