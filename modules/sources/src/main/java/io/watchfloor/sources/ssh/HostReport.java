package io.watchfloor.sources.ssh;

import io.watchfloor.config.HostConfig;
import io.watchfloor.model.Flag;
import io.watchfloor.model.GpuHealth;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.TileKey;
import io.watchfloor.sources.nvidia.GpuProcess;
import io.watchfloor.sources.nvidia.GpuRecord;
import io.watchfloor.sources.nvidia.HelpQueryGpu;
import io.watchfloor.sources.nvidia.HostFacts;
import io.watchfloor.sources.nvidia.NvidiaSmiXml;
import io.watchfloor.sources.nvidia.QueryComputeApps;
import io.watchfloor.sources.nvidia.QueryGpuCsv;
import io.watchfloor.sources.nvidia.ThrottleReasons;
import io.watchfloor.sources.nvidia.XidEvent;
import io.watchfloor.sources.nvidia.XidLines;
import io.watchfloor.sources.ssh.HostScript.GpuQuery;
import io.watchfloor.sources.ssh.HostScript.Section;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Turns one host's script output into its tiles. Pure: the time is given, nothing is run.
 *
 * @param readings the HOST tile first, then a tile per GPU
 * @param warnings "gpu-01: nvidia-smi: ..." lines that make the source DEGRADED
 * @param next     how to query this host's nvidia-smi on the next poll (learned fields, XML, or learn again)
 */
record HostReport(List<Reading> readings, List<String> warnings, GpuQuery next) {
    /** A file system at or above this use is flagged DISK on the host tile. */
    static final double DISK_FULL_PCT = 90;
    private static final Duration XID_WINDOW = Duration.ofHours(24);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    static HostReport read(HostConfig host, String sourceId, Map<String, Section> sections, GpuQuery query,
                           Instant now, Thresholds thresholds) {
        List<String> warnings = new ArrayList<>();
        List<String> hostNotes = new ArrayList<>();
        GpuQuery next = query;
        List<GpuRecord> gpus = List.of();
        Section help = sections.get(HostScript.HELP);
        if (help != null && help.ok()) {
            List<String> fields = HelpQueryGpu.select(QueryGpuCsv.WANTED, HelpQueryGpu.fields(help.text()));
            if (!fields.isEmpty()) {
                next = new GpuQuery.Fields(fields);
            }
        }
        Section gpu = sections.get(HostScript.GPU);
        Section xml = sections.get(HostScript.XML);
        String smiProblem = null;
        if (gpu != null) {
            if (gpu.ok()) {
                gpus = QueryGpuCsv.parse(gpu.text(), List.of());
            } else {
                smiProblem = gpu.firstLine();
                if (HelpQueryGpu.rejectsField(gpu.text())) {
                    next = new GpuQuery.Learn(); // a driver update changed the fields: learn them again
                }
            }
        } else if (xml != null) {
            if (xml.ok()) {
                try {
                    gpus = NvidiaSmiXml.parse(xml.text());
                    if (query instanceof GpuQuery.Learn) {
                        next = new GpuQuery.Xml(); // no --help-query-gpu: too old for --query-gpu
                    }
                } catch (IllegalArgumentException e) {
                    smiProblem = e.getMessage();
                }
            } else {
                smiProblem = xml.firstLine();
                next = new GpuQuery.Learn();
            }
        } else {
            smiProblem = "no answer (output cut off)";
        }
        if (smiProblem != null) {
            String msg = smiProblem.startsWith("nvidia-smi") || smiProblem.startsWith(host.nvidiaSmi())
                    ? smiProblem : "nvidia-smi: " + smiProblem;
            hostNotes.add(msg);
            warnings.add(host.id() + ": " + msg);
        }

        Section apps = sections.get(HostScript.APPS);
        Map<String, List<GpuProcess>> processes = apps != null && apps.ok()
                ? QueryComputeApps.parse(apps.text(), List.of()) : null;
        Section xidSection = sections.get(HostScript.XID);
        List<XidEvent> xids = xidSection == null ? null : XidLines.parse(xidSection.text()).stream()
                .filter(x -> x.at() == null || !x.at().isBefore(now.minus(XID_WINDOW))).toList();

        List<Reading> readings = new ArrayList<>();
        readings.add(hostTile(host, sourceId, sections, gpus, now, hostNotes));
        for (GpuRecord g : gpus) {
            List<GpuProcess> procs = gpu != null ? processes == null ? null
                    : processes.getOrDefault(g.uuid(), List.of()) : g.processes();
            readings.add(gpuTile(host.id(), sourceId, g, procs, xids, now, thresholds));
        }
        return new HostReport(readings, warnings, next);
    }

    private static Reading gpuTile(String hostId, String sourceId, GpuRecord g, List<GpuProcess> procs,
                                   List<XidEvent> xids, Instant now, Thresholds thresholds) {
        Map<Metric, Double> m = new EnumMap<>(g.metrics());
        if (procs != null) {
            m.put(Metric.PROCESSES, (double) procs.size());
        }
        XidEvent lastXid = null;
        if (xids != null) {
            lastXid = xids.stream().filter(x -> samePci(x.pci(), g.pciBusId()))
                    .reduce((a, b) -> b).orElse(null); // the log is in time order: the last is the newest
            m.put(Metric.XID_LAST, lastXid == null ? 0.0 : lastXid.code());
        }
        Set<Flag> flags = GpuHealth.flags(m, thresholds);
        List<String> notes = new ArrayList<>();
        if (lastXid != null) {
            notes.add("Xid " + lastXid.code() + (lastXid.at() == null ? "" : " at " + HH_MM.format(lastXid.at()) + " UTC")
                    + (lastXid.text().isEmpty() ? "" : ": " + lastXid.text()));
        }
        if (flags.contains(Flag.ECC)) {
            if (positive(m.get(Metric.REMAP_FAILED))) {
                notes.add("row remap failed: GPU needs service");
            }
            if (positive(m.get(Metric.REMAP_PENDING))) {
                notes.add("row remap pending");
            }
            if (positive(m.get(Metric.RETIRED_PENDING))) {
                notes.add("page retirement pending");
            }
            if (positive(m.get(Metric.ECC_DBE))) {
                notes.add(String.format(Locale.ROOT, "%.0f uncorrectable ECC errors", m.get(Metric.ECC_DBE)));
            }
        }
        if (flags.contains(Flag.THROTTLE)) {
            notes.add(String.join(", ", ThrottleReasons.describe(m.get(Metric.THROTTLE_REASONS).longValue(),
                    GpuHealth.ALARMING_THROTTLE_BITS)));
        }
        if (flags.contains(Flag.HELD_IDLE)) {
            notes.add(heldBy(procs));
        }
        if (Boolean.TRUE.equals(g.migEnabled()) && !m.containsKey(Metric.UTIL_PCT)) {
            notes.add("MIG enabled: no utilisation for the whole GPU");
        }
        return new Reading(TileKey.gpu(hostId, g.index(), g.uuid(), null), g.name(), sourceId, now, m, flags, notes);
    }

    /** "held by python3 (pid 4412, 61.2 GiB)": the process holding the most memory, and how many more. */
    static String heldBy(List<GpuProcess> procs) {
        if (procs == null || procs.isEmpty()) {
            return "memory held while idle";
        }
        GpuProcess top = procs.stream().max(Comparator.comparingDouble(p -> p.usedMib() == null ? -1 : p.usedMib()))
                .orElseThrow();
        String size = top.usedMib() == null ? "" : String.format(Locale.ROOT, ", %.1f GiB", top.usedMib() / 1024);
        String more = procs.size() > 1 ? " and " + (procs.size() - 1) + " more" : "";
        return "held by " + top.shortName() + " (pid " + top.pid() + size + ")" + more;
    }

    private static Reading hostTile(HostConfig host, String sourceId, Map<String, Section> sections,
                                    List<GpuRecord> gpus, Instant now, List<String> smiNotes) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        List<String> notes = new ArrayList<>();
        Section svc = sections.get(HostScript.SERVICES);
        if (svc != null) {
            Map<String, String> states = HostFacts.serviceStates(svc.text(), host.services());
            int down = 0;
            for (Map.Entry<String, String> e : states.entrySet()) {
                if (!e.getValue().equals("active")) {
                    down++;
                    notes.add(e.getKey() + ": " + e.getValue());
                }
            }
            m.put(Metric.SERVICES_DOWN, (double) down);
            if (down > 0) {
                flags.add(Flag.SERVICE);
            }
        }
        Section df = sections.get(HostScript.DISKS);
        if (df != null) {
            List<HostFacts.DiskUse> disks = HostFacts.diskUse(df.text());
            disks.stream().mapToDouble(HostFacts.DiskUse::usedPct).max()
                    .ifPresent(max -> m.put(Metric.DISK_USED_PCT, max));
            for (HostFacts.DiskUse d : disks) {
                if (d.usedPct() >= DISK_FULL_PCT) {
                    flags.add(Flag.DISK);
                    notes.add(String.format(Locale.ROOT, "%s %.0f %% used", d.mount(), d.usedPct()));
                }
            }
        }
        OptionalDouble load = text(sections, HostScript.LOAD).map(HostFacts::load1).orElse(OptionalDouble.empty());
        OptionalDouble cpus = text(sections, HostScript.CPUS).map(HostReport::count).orElse(OptionalDouble.empty());
        if (load.isPresent() && cpus.isPresent() && cpus.getAsDouble() > 0) {
            m.put(Metric.CPU_PCT, Math.min(100.0, 100.0 * load.getAsDouble() / cpus.getAsDouble()));
        }
        text(sections, HostScript.MEM).map(HostFacts::meminfoKib).ifPresent(kib -> {
            Long total = kib.get("MemTotal");
            Long avail = kib.get("MemAvailable");
            if (total != null) {
                m.put(Metric.MEM_TOTAL_MIB, total / 1024.0);
                if (avail != null) {
                    m.put(Metric.MEM_USED_MIB, (total - avail) / 1024.0);
                }
            }
        });
        notes.addAll(smiNotes);
        String model = gpus.isEmpty() ? null : gpus.size() + " × " + gpus.getFirst().name();
        return new Reading(TileKey.host(host.id()), model, sourceId, now, m, flags, notes);
    }

    private static java.util.Optional<String> text(Map<String, Section> sections, String name) {
        Section s = sections.get(name);
        return s != null && s.ok() ? java.util.Optional.of(s.text()) : java.util.Optional.empty();
    }

    private static OptionalDouble count(String text) {
        try {
            return OptionalDouble.of(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Kernel and nvidia-smi addresses agree on domain, bus and device; the kernel omits the function. */
    private static boolean samePci(String a, String b) {
        return a != null && b != null && a.regionMatches(true, 0, b, 0, 14);
    }

    private static boolean positive(Double v) {
        return v != null && v > 0;
    }
}
