package io.watchfloor.usage.render;

import io.watchfloor.usage.UsageReport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes the sample reports to target/report-samples (PDF, CSV, HTML, and each PDF page as PNG) so a person can look
 * at them after a build.
 */
class SampleOutputTest {
    private static final Path DIR = Path.of("target", "report-samples");

    @Test
    void writesTheSamplesForALook() throws IOException {
        Files.createDirectories(DIR);
        write("monthly", SampleReports.monthly());
        write("weekly", SampleReports.weekly());
        write("empty", SampleReports.empty());
        pagesAsPng("monthly");
        pagesAsPng("empty");
        assertThat(DIR.resolve("monthly-page1.png")).exists();
        assertThat(DIR.resolve("empty-page1.png")).exists();
    }

    private static void pagesAsPng(String name) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(DIR.resolve(name + ".pdf").toFile())) {
            PDFRenderer renderer = new PDFRenderer(pdf);
            for (int i = 0; i < pdf.getNumberOfPages(); i++) {
                ImageIO.write(renderer.renderImageWithDPI(i, 110), "png",
                        DIR.resolve(name + "-page" + (i + 1) + ".png").toFile());
            }
        }
    }

    private static void write(String name, UsageReport r) throws IOException {
        for (ReportFormat f : ReportFormat.values()) {
            try (OutputStream out = Files.newOutputStream(DIR.resolve(name + f.extension()))) {
                ReportRenderer.render(r, f, out);
            }
        }
    }
}
