package io.watchfloor.sources.demo;

import java.util.List;
import java.util.Optional;

/**
 * Physical envelope of a simulated GPU model, so simulated numbers look like the real part
 * (an H100 idles near 70 W and tops out at 700 W; its SM clock drops to ~345 MHz when idle).
 *
 * @param memoryMib total memory as nvidia-smi reports it (81559 MiB for an H100 80GB HBM3)
 */
public record DemoGpuModel(String name, double memoryMib, double idleW, double maxW,
                           double idleSmMhz, double maxSmMhz) {

    /** Models the demo knows without a {@code memoryMib} option; totals as nvidia-smi prints them. */
    public static final List<DemoGpuModel> KNOWN = List.of(
            new DemoGpuModel("NVIDIA H100 80GB HBM3", 81559, 70, 700, 345, 1980),
            new DemoGpuModel("NVIDIA H200", 143771, 75, 700, 345, 1980),
            new DemoGpuModel("NVIDIA A100-SXM4-80GB", 81920, 55, 400, 210, 1410),
            new DemoGpuModel("NVIDIA L40S", 46068, 35, 350, 210, 2520));

    public static final String DEFAULT_NAME = "NVIDIA H100 80GB HBM3";

    public static Optional<DemoGpuModel> known(String name) {
        return KNOWN.stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * A model named in config: the known envelope, with its memory replaced when {@code memoryMib}
     * is given; an unknown name gets a generic 400 W envelope and needs {@code memoryMib}.
     */
    public static DemoGpuModel of(String name, Long memoryMib) {
        DemoGpuModel base = known(name).orElse(new DemoGpuModel(name, 0, 50, 400, 300, 1800));
        return memoryMib == null ? base
                : new DemoGpuModel(base.name(), memoryMib, base.idleW(), base.maxW(), base.idleSmMhz(), base.maxSmMhz());
    }
}
