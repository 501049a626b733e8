package io.watchfloor.bench.poll;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.watchfloor.sources.prometheus.DcgmField;
import okio.Buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The /api/v1/query answers of a simulated fleet of H100 nodes, derived from a real captured answer.
 *
 * <p>The label sets of the captured series (2 EKS nodes x 8 H100, dcgm-exporter labels plus the k8s
 * scrape labels, one GPU attributed to a vLLM pod) are the templates: node {@code n} of the fleet copies
 * template node {@code n % 2} with its own {@code Hostname}, {@code instance}, {@code pod} names and
 * {@code UUID}s; {@code gpu}, {@code device}, {@code pci_bus_id} and the rest stay as captured.
 *
 * <p>Which metrics carry data follows the real dcgm-exporter captures with the default counters
 * (fixtures/dcgm-exporter/metrics-1xL4-...prom and metrics-1xL40S-...prom): of the 13 fields the source
 * queries, exactly {@link #WITH_DATA} are exported; the other five answer an empty vector.
 *
 * <p>Bodies are compact JSON as Prometheus sends it (labels sorted by name, values as strings in Go's
 * shortest form). They are built once; each request gets the body of the current cycle's variant
 * (values change from cycle to cycle) with the evaluation timestamp written into fixed-width slots.
 */
final class FleetResponses {
    static final String FIXTURE = "fixtures/prometheus-api/query-vector-DCGM_FI_DEV_GPU_UTIL-16xH100-eks.json";

    /** The dcgm-exporter default counters among the fields the source queries (see the class comment). */
    static final Set<DcgmField> WITH_DATA = Set.of(DcgmField.GPU_UTIL, DcgmField.FB_USED, DcgmField.FB_FREE,
            DcgmField.FB_RESERVED, DcgmField.GPU_TEMP, DcgmField.POWER_USAGE, DcgmField.SM_CLOCK,
            DcgmField.ROW_REMAP_FAILURE);

    /** "1773114089.184": seconds with milliseconds, always 3 decimals so every stamp has the same width. */
    static final int STAMP_WIDTH = 14;
    private static final double H100_FB_TOTAL_MIB = 81_559;
    private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.*?)(\\d+)$");
    /** The alphabet of Kubernetes' generated name suffixes. */
    private static final char[] K8S_SUFFIX = "bcdfghjklmnpqrstvwxz2456789".toCharArray();
    private static final byte[] EMPTY_VECTOR =
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}".getBytes(StandardCharsets.UTF_8);

    /** One body with the positions its evaluation timestamp goes to. */
    record Body(byte[] bytes, int[] stampAt) {
        /** The body with {@code stamp} ({@value #STAMP_WIDTH} ASCII bytes) in every slot; one copy. */
        Buffer stamped(byte[] stamp) {
            Buffer out = new Buffer();
            int pos = 0;
            for (int at : stampAt) {
                out.write(bytes, pos, at - pos);
                out.write(stamp);
                pos = at + STAMP_WIDTH;
            }
            out.write(bytes, pos, bytes.length - pos);
            return out;
        }
    }

    private final int gpus;
    private final int nodes;
    private final int templateSeries;
    /** Per metric name: one body per variant (a single empty vector for the metrics without data). */
    private final Map<String, Body[]> bodies = new HashMap<>();
    private long bytesPerCycle;

    private FleetResponses(int gpus, int nodes, int templateSeries) {
        this.gpus = gpus;
        this.nodes = nodes;
        this.templateSeries = templateSeries;
    }

    /**
     * @param fixture  the captured answer whose series are the templates
     * @param gpus     GPUs in the fleet
     * @param variants distinct value sets, used in turn from cycle to cycle
     */
    static FleetResponses build(Path fixture, int gpus, int variants, long seed) throws IOException {
        List<Map<String, String>> templates = readLabelSets(fixture);
        List<List<Map<String, String>>> templateNodes = byHost(templates);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Map<String, String>> fleet = new ArrayList<>(gpus);
        int node = 0;
        while (fleet.size() < gpus) {
            List<Map<String, String>> template = templateNodes.get(node % templateNodes.size());
            Map<String, String> podNames = new HashMap<>();
            for (Map<String, String> t : template) {
                if (fleet.size() == gpus) {
                    break;
                }
                fleet.add(replicate(t, node, podNames, rnd));
            }
            node++;
        }
        FleetResponses out = new FleetResponses(gpus, node, templates.size());
        List<GpuProfile> profiles = new ArrayList<>(gpus);
        for (int g = 0; g < gpus; g++) {
            profiles.add(GpuProfile.random(rnd));
        }
        List<Map<DcgmField, String[]>> values = new ArrayList<>(variants);
        for (int v = 0; v < variants; v++) {
            Map<DcgmField, String[]> byField = new EnumMap<>(DcgmField.class);
            for (DcgmField f : WITH_DATA) {
                byField.put(f, new String[gpus]);
            }
            for (int g = 0; g < gpus; g++) {
                profiles.get(g).sample(rnd, g, byField);
            }
            values.add(byField);
        }
        for (DcgmField f : DcgmField.values()) {
            Body[] forField;
            if (WITH_DATA.contains(f)) {
                forField = new Body[variants];
                for (int v = 0; v < variants; v++) {
                    forField[v] = vector(f.metricName(), fleet, values.get(v).get(f));
                }
            } else {
                forField = new Body[] {new Body(EMPTY_VECTOR, new int[0])};
            }
            out.bodies.put(f.metricName(), forField);
            out.bytesPerCycle += forField[0].bytes().length;
        }
        return out;
    }

    /** The body for a query in a given cycle, or null for a query this fleet does not know. */
    Buffer answer(String query, long cycle, long evaluatedAtMillis) {
        Body[] variants = bodies.get(query);
        if (variants == null) {
            return null;
        }
        return variants[(int) Math.floorMod(cycle, (long) variants.length)].stamped(stamp(evaluatedAtMillis));
    }

    int gpus() {
        return gpus;
    }

    int nodes() {
        return nodes;
    }

    int templateSeries() {
        return templateSeries;
    }

    /** Series returned by one cycle of all 13 queries. */
    int seriesPerCycle() {
        return gpus * WITH_DATA.size();
    }

    long bytesPerCycle() {
        return bytesPerCycle;
    }

    static byte[] stamp(long epochMillis) {
        long ms = Math.floorMod(epochMillis, 1000L);
        String s = Math.floorDiv(epochMillis, 1000L) + "." + (ms < 10 ? "00" : ms < 100 ? "0" : "") + ms;
        if (s.length() != STAMP_WIDTH) {
            throw new IllegalArgumentException("timestamp out of the 10-digit epoch range: " + s);
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------------------------------ templates

    /** The label sets of data.result[*].metric, in capture order. */
    static List<Map<String, String>> readLabelSets(Path fixture) throws IOException {
        Object root;
        try (InputStream in = Files.newInputStream(fixture);
             JsonParser p = new JsonFactory().createParser(in)) {
            p.nextToken();
            root = readValue(p);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(fixture.toAbsolutePath().normalize().toString(), null,
                    "fixture not found; point -Dwatchfloor.shared.dir at the shared folder (default ../shared)");
        }
        List<Map<String, String>> out = new ArrayList<>();
        if (root instanceof Map<?, ?> top && top.get("data") instanceof Map<?, ?> data
                && data.get("result") instanceof List<?> result) {
            for (Object series : result) {
                if (series instanceof Map<?, ?> s && s.get("metric") instanceof Map<?, ?> metric) {
                    Map<String, String> labels = new TreeMap<>();
                    metric.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
                    for (String required : List.of("Hostname", "gpu", "UUID", "instance")) {
                        if (!labels.containsKey(required)) {
                            throw new IOException(fixture + ": a series has no " + required + " label: " + labels);
                        }
                    }
                    out.add(labels);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException(fixture + ": no data.result[].metric label sets (not an instant-vector answer?)");
        }
        return out;
    }

    private static Object readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Object> m = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                m.put(name, readValue(p));
            }
            return m;
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> l = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                l.add(readValue(p));
            }
            return l;
        }
        if (t == null) {
            throw new IOException("unexpected end of JSON");
        }
        return p.getValueAsString();
    }

    /** Template series grouped by node (capture order of the nodes), each node's GPUs by index. */
    private static List<List<Map<String, String>>> byHost(List<Map<String, String>> templates) {
        Map<String, List<Map<String, String>>> hosts = new LinkedHashMap<>();
        for (Map<String, String> t : templates) {
            hosts.computeIfAbsent(t.get("Hostname"), h -> new ArrayList<>()).add(t);
        }
        List<List<Map<String, String>>> out = new ArrayList<>();
        for (List<Map<String, String>> node : hosts.values()) {
            node.sort((a, b) -> compareIndex(a.get("gpu"), b.get("gpu")));
            out.add(node);
        }
        return out;
    }

    private static int compareIndex(String a, String b) {
        try {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    /** A template GPU series moved to fleet node {@code node}; {@code __name__} is set per query. */
    private static Map<String, String> replicate(Map<String, String> template, int node,
                                                 Map<String, String> podNames, SplittableRandom rnd) {
        Map<String, String> l = new TreeMap<>(template);
        l.remove("__name__");
        l.put("Hostname", renumber(template.get("Hostname"), node + 1));
        String instance = template.get("instance");
        int colon = instance.lastIndexOf(':');
        // 10.0.16.1 .. 10.0.255.250: one address per node
        l.put("instance", "10.0." + (16 + node / 250) + "." + (1 + node % 250) + (colon < 0 ? "" : instance.substring(colon)));
        String pod = template.get("pod");
        if (pod != null) {
            // every GPU of a node shares its exporter pod; a workload pod keeps its name stem
            l.put("pod", podNames.computeIfAbsent(pod, p -> {
                int dash = p.lastIndexOf('-');
                return (dash < 0 ? p : p.substring(0, dash)) + "-" + k8sSuffix(rnd);
            }));
        }
        l.put("UUID", "GPU-" + hex(rnd, 8) + "-" + hex(rnd, 4) + "-" + hex(rnd, 4) + "-" + hex(rnd, 4) + "-" + hex(rnd, 12));
        return l;
    }

    private static String renumber(String host, int n) {
        Matcher m = TRAILING_NUMBER.matcher(host);
        return m.matches() ? m.group(1) + n : host + "-" + n;
    }

    private static String k8sSuffix(SplittableRandom rnd) {
        char[] c = new char[5];
        for (int i = 0; i < c.length; i++) {
            c[i] = K8S_SUFFIX[rnd.nextInt(K8S_SUFFIX.length)];
        }
        return new String(c);
    }

    private static String hex(SplittableRandom rnd, int digits) {
        StringBuilder sb = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            sb.append(Character.forDigit(rnd.nextInt(16), 16));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------ values

    /** What a GPU is doing for the whole run; its readings jitter around it from cycle to cycle. */
    private record GpuProfile(int kind, double reservedMib, double usedMib) {
        static final int BUSY = 0;
        static final int IDLE = 1;
        static final int HELD_IDLE = 2;

        static GpuProfile random(SplittableRandom rnd) {
            int roll = rnd.nextInt(100);
            int kind = roll < 75 ? BUSY : roll < 97 ? IDLE : HELD_IDLE;
            double used = kind == IDLE ? 0 : 40_000 + rnd.nextInt(39_000);
            return new GpuProfile(kind, 481 + rnd.nextInt(3) * 64, used);
        }

        void sample(SplittableRandom rnd, int g, Map<DcgmField, String[]> out) {
            boolean busy = kind == BUSY;
            double util = busy ? 35 + rnd.nextInt(66) : 0;
            double used = kind == IDLE ? 0 : Math.min(usedMib + rnd.nextInt(-512, 513), H100_FB_TOTAL_MIB - reservedMib);
            double free = H100_FB_TOTAL_MIB - reservedMib - used;
            double temp = busy ? 45 + rnd.nextInt(34) : 27 + rnd.nextInt(10);
            double power = busy ? rnd.nextDouble(250, 700) : rnd.nextDouble(65, 125);
            double smClock = busy ? 1755 + 15 * rnd.nextInt(16) : 345;
            out.get(DcgmField.GPU_UTIL)[g] = go(util);
            out.get(DcgmField.FB_USED)[g] = go(used);
            out.get(DcgmField.FB_FREE)[g] = go(free);
            out.get(DcgmField.FB_RESERVED)[g] = go(reservedMib);
            out.get(DcgmField.GPU_TEMP)[g] = go(temp);
            out.get(DcgmField.POWER_USAGE)[g] = go(Math.round(power * 1000) / 1000.0);
            out.get(DcgmField.SM_CLOCK)[g] = go(smClock);
            // one GPU in a thousand with a failed row remap: the ECC flag, as a real fleet shows now and then
            out.get(DcgmField.ROW_REMAP_FAILURE)[g] = go(g % 1000 == 999 ? 1 : 0);
        }
    }

    /** Go's shortest float form, as Prometheus prints sample values: "0", "81078", "68.347". */
    private static String go(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    // ------------------------------------------------------------------------------------------ bodies

    private static Body vector(String metric, List<Map<String, String>> fleet, String[] values) {
        JsonStringEncoder enc = JsonStringEncoder.getInstance();
        Sink out = new Sink(fleet.size() * 600);
        int[] slots = new int[fleet.size()];
        out.ascii("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        for (int g = 0; g < fleet.size(); g++) {
            Map<String, String> labels = new TreeMap<>(fleet.get(g));
            labels.put("__name__", metric);
            out.ascii(g == 0 ? "{\"metric\":{" : ",{\"metric\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : labels.entrySet()) {
                out.ascii(first ? "\"" : ",\"");
                out.write(enc.quoteAsUTF8(e.getKey()));
                out.ascii("\":\"");
                out.write(enc.quoteAsUTF8(e.getValue()));
                out.ascii("\"");
                first = false;
            }
            out.ascii("},\"value\":[");
            slots[g] = out.size();
            out.ascii("0".repeat(STAMP_WIDTH));
            out.ascii(",\"");
            out.ascii(values[g]);
            out.ascii("\"]}");
        }
        out.ascii("]}}");
        return new Body(out.toByteArray(), slots);
    }

    private static final class Sink extends ByteArrayOutputStream {
        Sink(int size) {
            super(size);
        }

        void ascii(String s) {
            write(s.getBytes(StandardCharsets.US_ASCII), 0, s.length());
        }

        @Override
        public void write(byte[] b) {
            write(b, 0, b.length);
        }
    }

    @Override
    public String toString() {
        return gpus + " GPUs on " + nodes + " nodes, " + seriesPerCycle() + " series a cycle in "
                + bodies.size() + " queries (" + (bodies.size() - WITH_DATA.size()) + " empty), "
                + String.format("%.1f MB", bytesPerCycle / 1e6) + " of JSON a cycle, variants "
                + Arrays.stream(bodies.values().toArray(Body[][]::new)).mapToInt(b -> b.length).max().orElse(0);
    }
}
