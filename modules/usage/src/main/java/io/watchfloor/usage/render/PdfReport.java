package io.watchfloor.usage.render;

import io.watchfloor.usage.OptimisationHint;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.UsageReport;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/** The report as an A4 PDF: title block, summary, endpoint tables, charts, incidents, and for monthly reviews cost and hints. */
final class PdfReport {
    private static final float TABLE_SIZE = 8.5f;
    /** Charts are laid out at page size in points and drawn 3x larger, sharp at 216 dpi. */
    private static final double CHART_SCALE = 3.0;
    private static final float CHART_HEIGHT = 165;

    private PdfReport() {
    }

    static void write(UsageReport r, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            describe(doc, r);
            PdfFonts fonts = PdfFonts.load(doc);
            try (PdfPageWriter page = new PdfPageWriter(doc, fonts)) {
                page.newPage();
                titleBlock(page, r);
                if (r.hasData()) {
                    body(page, r);
                } else {
                    page.gap(24);
                    page.text(ReportTables.noDataTitle(r), 14, true, PdfPageWriter.INK);
                    page.gap(6);
                    page.text(ReportTables.noDataReason(), 10, false, PdfPageWriter.MUTED);
                    notes(page, r);
                }
                page.footers(r.scopeName() + " · " + ReportTables.kindTitle(r.kind()) + " · " + r.window().label());
            }
            doc.save(out);
        }
    }

    private static void describe(PDDocument doc, UsageReport r) {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(ReportTables.kindTitle(r.kind()) + " – " + r.scopeName() + " – " + r.window().label());
        info.setCreator("Watchfloor");
        Calendar created = new GregorianCalendar(TimeZone.getTimeZone(r.window().zone()));
        created.setTimeInMillis(r.generatedAt().toEpochMilli());
        info.setCreationDate(created);
    }

    private static void titleBlock(PdfPageWriter page, UsageReport r) throws IOException {
        page.text(ReportTables.kindTitle(r.kind()).toUpperCase(java.util.Locale.ENGLISH), 9, true,
                PdfPageWriter.ACCENT);
        page.gap(2);
        page.text(r.scopeName(), 22, true, PdfPageWriter.INK);
        page.gap(2);
        page.text(r.window().label(), 13, false, PdfPageWriter.INK);
        page.gap(2);
        page.text(ReportTables.subtitle(r), 8.5f, false, PdfPageWriter.MUTED);
        page.gap(6);
    }

    private static void body(PdfPageWriter page, UsageReport r) throws IOException {
        page.heading("Summary", 120);
        page.table(ReportTables.summary(r), 9);

        if (!r.endpoints().isEmpty()) {
            page.heading("Usage per endpoint", 60);
            page.table(ReportTables.endpointUsage(r), TABLE_SIZE);
            page.heading("SLA and cost per endpoint", 60);
            page.table(ReportTables.endpointSla(r), TABLE_SIZE);
        }

        charts(page, r);

        page.heading("Incidents", 40);
        if (r.incidents().isEmpty()) {
            page.text("No incidents touched these endpoints in this window.", 9, false, PdfPageWriter.MUTED);
        } else {
            page.table(ReportTables.incidents(r), TABLE_SIZE);
        }

        if (r.kind() == ReportKind.MONTHLY) {
            page.heading("Cost", 60);
            if (r.costLines().isEmpty()) {
                page.text("No price table covers these endpoints or hosts in this window.", 9, false,
                        PdfPageWriter.MUTED);
            } else {
                page.table(ReportTables.costLines(r), TABLE_SIZE);
            }
            page.heading("Optimisation hints", 50);
            if (r.hints().isEmpty()) {
                page.text("Nothing stood out this month.", 9, false, PdfPageWriter.MUTED);
            }
            for (OptimisationHint hint : r.hints()) {
                page.ensure(40);
                page.text(hint.text(), 9.5f, true, PdfPageWriter.INK);
                for (OptimisationHint.Figure f : hint.figures()) {
                    page.text(f.label() + ": " + f.value(), 8.5f, false, PdfPageWriter.MUTED,
                            PdfPageWriter.MARGIN_X + 12, page.width() - 12);
                }
                page.gap(6);
            }
        }
        notes(page, r);
    }

    private static void charts(PdfPageWriter page, UsageReport r) throws IOException {
        var charts = ReportCharts.of(r);
        if (charts.isEmpty()) {
            return;
        }
        page.heading("Trends", CHART_HEIGHT);
        for (ReportCharts.Chart c : charts) {
            int w = Math.round(page.width());
            page.image(TrendCharts.image(TrendCharts.chart(c.title(), c.lines(), r.window().zone()), w,
                    Math.round(CHART_HEIGHT), CHART_SCALE), w, CHART_HEIGHT);
            page.gap(6);
        }
    }

    private static void notes(PdfPageWriter page, UsageReport r) throws IOException {
        if (r.notes().isEmpty()) {
            return;
        }
        page.heading("Notes", 30);
        for (String note : r.notes()) {
            page.text("•  " + note, 9, false, PdfPageWriter.INK);
            page.gap(2);
        }
    }
}
