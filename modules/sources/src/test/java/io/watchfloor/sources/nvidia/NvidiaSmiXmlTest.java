package io.watchfloor.sources.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.watchfloor.model.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NvidiaSmiXmlTest {
    static final List<String> FILES = List.of(
            "q-x-2xRTX2080Ti-ecc-unsupported-driver410.73.xml",
            "q-x-2xRTXA5000-driver590.44.01.xml",
            "q-x-4xTeslaK80-azure-driver430.26-gpus-out-of-minor-order.xml",
            "q-x-A100-SXM4-80GB-MIG-4instances-driver535.54.03-trimmed-1of4gpus.xml",
            "q-x-A10G-driver515.105.01.xml",
            "q-x-GT730-driver384.111-minimal.xml",
            "q-x-GTX1070-driver384.66-trimmed-2of6gpus.xml",
            "q-x-GTX1660Ti-driver418.43-no-doctype.xml",
            "q-x-QuadroP400-driver418.43-no-doctype.xml",
            "q-x-RTX3080-windows-driver536.40.xml",
            "q-x-RTX3090-driver525.147.05.xml",
            "q-x-RTX4000-SFF-Ada-driver595.84.xml",
            "q-x-RTXPRO6000-Blackwell-driver590.44.01.xml",
            "q-x-TeslaT4-driver515.105.01.xml",
            "q-x-V100-SXM3-32GB-ecc-errors-retired-pages-driver410.104-trimmed-1of16gpus.xml");

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            q-x-2xRTX2080Ti-ecc-unsupported-driver410.73.xml,                     2, GeForce RTX 2080 Ti,   00000000:02:00.0,   0, 10989, 0
            q-x-2xRTXA5000-driver590.44.01.xml,                                   2, NVIDIA RTX A5000,      00000000:81:00.0,   0, 24564, 1
            q-x-4xTeslaK80-azure-driver430.26-gpus-out-of-minor-order.xml,        4, Tesla K80,             00001580:00:00.0,  99, 11441, 1
            q-x-A100-SXM4-80GB-MIG-4instances-driver535.54.03-trimmed-1of4gpus.xml, 1, NVIDIA A100-SXM4-80GB, 00000000:01:00.0, -, 81920, 0
            q-x-A10G-driver515.105.01.xml,                                        1, NVIDIA A10G,           00000000:00:1E.0,   0, 23028, 1
            q-x-GT730-driver384.111-minimal.xml,                                  1, GeForce GT 730,        00000000:01:00.0,   -,     -, 0
            q-x-GTX1070-driver384.66-trimmed-2of6gpus.xml,                        2, GeForce GTX 1070,      00000000:01:00.0, 100,  8112, 3
            q-x-GTX1660Ti-driver418.43-no-doctype.xml,                            1, Graphics Device,       00000000:43:00.0,   0,  5912, 0
            q-x-QuadroP400-driver418.43-no-doctype.xml,                           1, Quadro P400,           00000000:43:00.0,   0,  1998, 0
            q-x-RTX3080-windows-driver536.40.xml,                                 1, NVIDIA GeForce RTX 3080, 00000000:04:00.0, 0, 10240, 5
            q-x-RTX3090-driver525.147.05.xml,                                     1, NVIDIA GeForce RTX 3090, 00000000:00:10.0, 0, 24576, 0
            q-x-RTX4000-SFF-Ada-driver595.84.xml,                                 1, NVIDIA RTX 4000 SFF Ada Generation, 00000000:06:00.0, 0, 20475, 4
            q-x-RTXPRO6000-Blackwell-driver590.44.01.xml,                         1, NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition, 00000000:61:00.0, 0, 97887, 1
            q-x-TeslaT4-driver515.105.01.xml,                                     1, Tesla T4,              00000000:00:1E.0,   0, 15360, 2
            q-x-V100-SXM3-32GB-ecc-errors-retired-pages-driver410.104-trimmed-1of16gpus.xml, 1, Tesla V100-SXM3-32GB, 00000000:34:00.0, 0, 32480, 0
            """)
    void everyRealCapture(String file, int count, String name, String pci, Double util, Double memTotal, int processes) {
        List<GpuRecord> gpus = NvidiaSmiXml.parse(NvidiaFixtures.shared(file));

        assertThat(gpus).hasSize(count);
        GpuRecord g = gpus.getFirst();
        assertThat(g.index()).isEqualTo("0");
        assertThat(g.name()).isEqualTo(name);
        assertThat(g.pciBusId()).isEqualTo(pci);
        assertThat(g.uuid()).startsWith("GPU-");
        assertThat(g.metrics().get(Metric.UTIL_PCT)).isEqualTo(util);
        assertThat(g.metrics().get(Metric.MEM_TOTAL_MIB)).isEqualTo(memTotal);
        assertThat(g.processes()).hasSize(processes);
    }

    @Test
    void v100EccErrorsAndPendingRetirement() {
        GpuRecord v100 = NvidiaSmiXml.parse(NvidiaFixtures.shared(FILES.get(14))).getFirst();

        assertThat(v100.metrics()).containsEntry(Metric.ECC_DBE, 1.0).containsEntry(Metric.RETIRED_PENDING, 1.0)
                .containsEntry(Metric.TEMP_C, 33.0).containsEntry(Metric.POWER_W, 50.6)
                .containsEntry(Metric.SM_CLOCK_MHZ, 135.0).doesNotContainKey(Metric.REMAP_PENDING);
    }

    @Test
    void eccUnsupportedIsNoReading() {
        List<GpuRecord> gpus = NvidiaSmiXml.parse(NvidiaFixtures.shared(FILES.get(0)));

        assertThat(gpus).allSatisfy(g -> assertThat(g.metrics()).doesNotContainKeys(Metric.ECC_DBE,
                Metric.RETIRED_PENDING, Metric.REMAP_PENDING));
        assertThat(gpus.get(1).metrics()).containsEntry(Metric.POWER_W, 19.11);
    }

    @Test
    void k80IndexFollowsDocumentOrderNotMinorNumbers() {
        List<GpuRecord> gpus = NvidiaSmiXml.parse(NvidiaFixtures.shared(FILES.get(2)));

        // minor numbers are 1, 2, 3, 0 in this file; nvidia-smi lists GPUs in index order
        assertThat(gpus).extracting(GpuRecord::index, GpuRecord::pciBusId, GpuRecord::uuid).containsExactly(
                tuple("0", "00001580:00:00.0", "GPU-c3b26f7a-8dcb-619c-fa1b-8029265a4db0"),
                tuple("1", "00002DF7:00:00.0", "GPU-b01b80eb-0f18-1df0-cf88-0725bd90f1e1"),
                tuple("2", "00004968:00:00.0", "GPU-30bc2701-3bc2-5f35-0ebd-9867a077e138"),
                tuple("3", "0000F8D6:00:00.0", "GPU-3341aba2-f01d-2c1f-7dd4-e389779faec2"));
        assertThat(gpus.get(2).metrics()).containsEntry(Metric.UTIL_PCT, 0.0).containsEntry(Metric.TEMP_C, 28.0);
    }

    @Test
    void migGpuHasNoUtilisationButItsOwnMemoryNotTheSlices() {
        GpuRecord a100 = NvidiaSmiXml.parse(NvidiaFixtures.shared(FILES.get(3))).getFirst();

        assertThat(a100.migEnabled()).isTrue();
        assertThat(a100.metrics()).doesNotContainKey(Metric.UTIL_PCT).containsEntry(Metric.MEM_USED_MIB, 50.0)
                .containsEntry(Metric.POWER_W, 67.03);
    }

    @Test
    void newSchemaPowerThrottleAndRemaps() {
        GpuRecord ada = NvidiaSmiXml.parse(NvidiaFixtures.shared(FILES.get(11))).getFirst();
        GpuRecord a10g = NvidiaSmiXml.parse(NvidiaFixtures.shared(FILES.get(4))).getFirst();

        assertThat(ada.metrics()).containsEntry(Metric.POWER_W, 8.44).containsEntry(Metric.THROTTLE_REASONS, 1.0)
                .containsEntry(Metric.MEM_USED_MIB, 3534.0).containsEntry(Metric.REMAP_PENDING, 0.0);
        assertThat(ada.migEnabled()).isNull();
        assertThat(a10g.metrics()).containsEntry(Metric.REMAP_PENDING, 0.0).containsEntry(Metric.REMAP_FAILED, 0.0);
    }

    @Test
    void processesCarryPidNameAndMemory() {
        GpuRecord t4 = NvidiaSmiXml.parse(NvidiaFixtures.shared(FILES.get(13))).getFirst();

        assertThat(t4.processes()).extracting(GpuProcess::pid, GpuProcess::name, GpuProcess::usedMib)
                .containsExactly(tuple(675L, "/usr/lib/xorg/Xorg", 22.0), tuple(5762L, "python", 1005.0));
        assertThat(t4.processes()).allSatisfy(p -> assertThat(p.gpuUuid()).isEqualTo(t4.uuid()));
    }

    @Test
    void externalEntitiesAreNeverResolved(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE nvidia_smi_log [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<nvidia_smi_log><gpu id=\"00000000:01:00.0\"><product_name>&x;</product_name></gpu></nvidia_smi_log>";

        List<GpuRecord> gpus;
        try {
            gpus = NvidiaSmiXml.parse(xml);
        } catch (IllegalArgumentException refused) {
            return; // refusing the document is as good as not reading the file
        }
        assertThat(gpus).allSatisfy(g -> assertThat(String.valueOf(g.name())).doesNotContain("TOP-SECRET"));
    }

    @Test
    void notAnNvidiaLog() {
        assertThatThrownBy(() -> NvidiaSmiXml.parse("NVIDIA-SMI has failed because it couldn't communicate"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NvidiaSmiXml.parse("<html/>")).hasMessageContaining("not an nvidia-smi log");
    }
}
