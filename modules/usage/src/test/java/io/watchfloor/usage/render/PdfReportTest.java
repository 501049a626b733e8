package io.watchfloor.usage.render;

import io.watchfloor.usage.OptimisationHint;
import io.watchfloor.usage.UsageReport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PdfReportTest {

    @Test
    void theMonthlyReviewSaysWhatTheReportHolds() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(pdf(SampleReports.monthly()))) {
            String text = text(pdf);
            assertThat(text).contains("MONTHLY REVIEW", "Acme Corp", "November 2026", "Europe/Berlin",
                    "1,234,567", "456,789", "+12.2 %", "USD 409.54", "EUR 1,980.00", SampleReports.INCIDENT_1,
                    SampleReports.INCIDENT_2, "Optimisation hints", "Cost", "Notes", SampleReports.NOTE_GAP,
                    "30 m of 43 m allowed");
            for (OptimisationHint h : SampleReports.hints()) {
                assertThat(text).contains(h.text());
                h.figures().forEach(f -> assertThat(text).contains(f.label() + ": " + f.value()));
            }
            PDRectangle a4 = PDRectangle.A4;
            for (PDPage page : pdf.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isEqualTo(a4.getWidth());
                assertThat(page.getMediaBox().getHeight()).isEqualTo(a4.getHeight());
            }
            assertThat(imageCount(pdf)).as("embedded charts").isEqualTo(3);
        }
    }

    @Test
    void theWeeklyReportLeavesOutCostLinesAndHints() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(pdf(SampleReports.weekly()))) {
            String text = text(pdf);
            assertThat(text).contains("WEEKLY REPORT", "Week 47, 2026 (16 Nov – 22 Nov)", "1,234,567",
                    SampleReports.INCIDENT_1);
            assertThat(text).doesNotContain("Optimisation hints", "Unit price");
        }
    }

    @Test
    void nonAsciiNamesPrintAsWrittenWithTheEmbeddedFont() throws IOException {
        assumeTrue(PdfFonts.DEJAVU_DIR.resolve("DejaVuSans.ttf").toFile().canRead(), "DejaVu Sans is installed");
        UsageReport r = SampleReports.named(SampleReports.monthly(), "Müller – Straße €", "Chat – ü €");
        try (PDDocument pdf = Loader.loadPDF(pdf(r))) {
            assertThat(text(pdf)).contains("Müller – Straße €", "Chat – ü €", "Batch Überprüfung");
            PDResources resources = pdf.getPage(0).getResources();
            boolean embedded = false;
            for (COSName name : resources.getFontNames()) {
                embedded |= resources.getFont(name) instanceof PDType0Font;
            }
            assertThat(embedded).as("a Type 0 (embedded TrueType) font on page 1").isTrue();
        }
    }

    @Test
    void withoutDejaVuHelveticaStillWritesTheReport() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PdfFonts fonts = PdfFonts.load(doc, Path.of("/nonexistent/a.ttf"), Path.of("/nonexistent/b.ttf"));
            assertThat(fonts.embedded).isFalse();
            // WinAnsi has en dash, euro and umlauts; not Han characters or the arrow
            assertThat(fonts.safe(fonts.regular, "Köln – € 漢字 →\tx")).isEqualTo("Köln – € ?? ? x");
            try (PdfPageWriter page = new PdfPageWriter(doc, fonts)) {
                page.newPage();
                page.text("漢字 endpoint – ü", 10, true, PdfPageWriter.INK);
                page.table(ReportTables.endpointUsage(SampleReports.monthly()), 8);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            try (PDDocument back = Loader.loadPDF(out.toByteArray())) {
                assertThat(text(back)).contains("?? endpoint – ü", "1,234,567");
            }
        }
    }

    @Test
    void anEmptyReportIsOnePageThatSaysSo() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(pdf(SampleReports.empty()))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            assertThat(text(pdf)).contains("No data for Acme Corp in November 2026",
                    "No usage, no SLA measurements and no incidents were recorded");
            assertThat(imageCount(pdf)).isZero();
        }
    }

    @Test
    void aLongEndpointTableContinuesOnTheNextPageWithItsHeader() throws IOException {
        UsageReport base = SampleReports.monthly();
        List<io.watchfloor.usage.EndpointUsage> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            var e = base.endpoints().get(i % 3);
            many.add(new io.watchfloor.usage.EndpointUsage("ep-" + i, "Endpoint number " + i, e.describe(),
                    e.usage(), e.previous(), e.sla(), e.cost()));
        }
        UsageReport r = new UsageReport(base.kind(), base.scope(), base.scopeName(), base.window(),
                base.generatedAt(), many, base.totals(), base.previousTotals(), base.hostCost(), base.trends(),
                base.incidents(), base.hints(), base.notes());
        try (PDDocument pdf = Loader.loadPDF(pdf(r))) {
            String text = text(pdf);
            assertThat(text).contains("Endpoint number 0", "Endpoint number 119");
            assertThat(pdf.getNumberOfPages()).isGreaterThan(3);
            // "Tokens out" heads the usage table on every page it spans
            assertThat(text.split("Tokens out", -1).length - 1).isGreaterThanOrEqualTo(3);
            assertThat(text).contains("Page 1 of " + pdf.getNumberOfPages());
        }
    }

    static byte[] pdf(UsageReport r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportRenderer.render(r, ReportFormat.PDF, out);
        return out.toByteArray();
    }

    static String text(PDDocument pdf) throws IOException {
        return new PDFTextStripper().getText(pdf);
    }

    private static int imageCount(PDDocument pdf) throws IOException {
        int images = 0;
        for (PDPage page : pdf.getPages()) {
            PDResources res = page.getResources();
            for (COSName name : res.getXObjectNames()) {
                if (res.isImageXObject(name)) {
                    images++;
                }
            }
        }
        return images;
    }
}
