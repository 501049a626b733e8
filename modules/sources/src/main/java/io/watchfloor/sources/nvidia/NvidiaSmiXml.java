package io.watchfloor.sources.nvidia;

import io.watchfloor.model.Metric;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parses {@code nvidia-smi -q -x} into the same per-GPU records as {@link QueryGpuCsv}: the fallback for drivers
 * too old for {@code --query-gpu}. Pure. The DOCTYPE names {@code nvsmi_device_vN.dtd}, which exists on the GPU
 * host only: the DTD is never loaded and external entities are off (no file or network access from a document).
 *
 * <p>The GPU index is the position in the document: nvidia-smi lists GPUs in index order, which is not
 * {@code minor_number} order (Azure K80 VMs).
 */
public final class NvidiaSmiXml {
    private NvidiaSmiXml() {
    }

    /** @throws IllegalArgumentException when the text is not an nvidia-smi XML log */
    public static List<GpuRecord> parse(String xml) {
        int start = xml.indexOf('<');
        if (start < 0) {
            throw new IllegalArgumentException("no XML in nvidia-smi output");
        }
        Document doc;
        try {
            doc = builder().parse(new InputSource(new StringReader(xml.substring(start))));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("nvidia-smi XML does not parse: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"nvidia_smi_log".equals(root.getTagName())) {
            throw new IllegalArgumentException("not an nvidia-smi log: <" + root.getTagName() + ">");
        }
        List<GpuRecord> gpus = new ArrayList<>();
        for (Element gpu : children(root, "gpu")) {
            gpus.add(gpu(gpu, Integer.toString(gpus.size())));
        }
        return gpus;
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setValidating(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
        }
    }

    private static GpuRecord gpu(Element gpu, String index) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        put(m, Metric.UTIL_PCT, SmiValues.number(text(gpu, "utilization", "gpu_util")));
        put(m, Metric.MEM_USED_MIB, SmiValues.number(text(gpu, "fb_memory_usage", "used")));
        put(m, Metric.MEM_TOTAL_MIB, SmiValues.number(text(gpu, "fb_memory_usage", "total")));
        put(m, Metric.TEMP_C, SmiValues.number(text(gpu, "temperature", "gpu_temp")));
        put(m, Metric.POWER_W, first(
                SmiValues.number(text(gpu, "power_readings", "power_draw")),
                SmiValues.number(text(gpu, "gpu_power_readings", "power_draw")),
                SmiValues.number(text(gpu, "gpu_power_readings", "instant_power_draw")),
                SmiValues.number(text(gpu, "power_readings", "instant_power_draw"))));
        put(m, Metric.SM_CLOCK_MHZ, SmiValues.number(text(gpu, "clocks", "sm_clock")));
        put(m, Metric.THROTTLE_REASONS, reasons(gpu));
        put(m, Metric.ECC_DBE, uncorrectable(child(child(gpu, "ecc_errors"), "volatile")));
        put(m, Metric.RETIRED_PENDING, SmiValues.yesNo(text(gpu, "retired_pages", "pending_retirement")));
        put(m, Metric.REMAP_PENDING, SmiValues.yesNo(text(gpu, "remapped_rows", "remapped_row_pending")));
        put(m, Metric.REMAP_FAILED, SmiValues.yesNo(text(gpu, "remapped_rows", "remapped_row_failure")));
        Double mig = SmiValues.yesNo(text(gpu, "mig_mode", "current_mig"));
        String pci = SmiValues.pciAddress(first(text(gpu, "pci", "pci_bus_id"), gpu.getAttribute("id")));
        List<GpuProcess> processes = new ArrayList<>();
        String uuid = SmiValues.text(text(gpu, "uuid"));
        for (Element p : children(child(gpu, "processes"), "process_info")) {
            Double pid = SmiValues.number(text(p, "pid"));
            if (pid != null) {
                processes.add(new GpuProcess(uuid, pid.longValue(), SmiValues.text(text(p, "process_name")),
                        SmiValues.number(text(p, "used_memory"))));
            }
        }
        return new GpuRecord(index, uuid, SmiValues.text(text(gpu, "product_name")), pci,
                mig == null ? null : mig > 0, m, processes);
    }

    /** The Active reasons as the CSV bitmask; the element is clocks_throttle_reasons before r525. */
    private static Double reasons(Element gpu) {
        Element e = child(gpu, "clocks_event_reasons");
        if (e == null) {
            e = child(gpu, "clocks_throttle_reasons");
        }
        long bits = 0;
        boolean any = false;
        for (Element r : children(e, null)) {
            String name = r.getTagName().replaceFirst("^clocks_(event|throttle)_reason_", "");
            Long bit = ThrottleReasons.XML_SUFFIX.get(name);
            Double active = SmiValues.yesNo(r.getTextContent());
            if (bit != null && active != null) {
                any = true;
                bits |= active > 0 ? bit : 0;
            }
        }
        return any ? (double) bits : null;
    }

    /** Volatile uncorrectable errors: double_bit/total before Ampere's schema, dram + sram uncorrectable after. */
    private static Double uncorrectable(Element vol) {
        if (vol == null) {
            return null;
        }
        Double old = SmiValues.number(text(vol, "double_bit", "total"));
        if (old != null) {
            return old;
        }
        Double sum = null;
        for (String name : List.of("dram_uncorrectable", "sram_uncorrectable", "sram_uncorrectable_parity",
                "sram_uncorrectable_secded")) {
            Double v = SmiValues.number(text(vol, name));
            if (v != null) {
                sum = (sum == null ? 0 : sum) + v;
            }
        }
        return sum;
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v instanceof String s ? SmiValues.text(s) != null : v != null) {
                return v;
            }
        }
        return null;
    }

    private static void put(Map<Metric, Double> m, Metric metric, Double v) {
        if (v != null) {
            m.put(metric, v);
        }
    }

    private static String text(Element e, String... path) {
        for (String name : path) {
            e = child(e, name);
        }
        return e == null ? null : e.getTextContent();
    }

    private static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.getFirst();
    }

    /** Direct children only: mig_device elements repeat fb_memory_usage and must not be taken for the GPU's. */
    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                out.add(e);
            }
        }
        return out;
    }
}
