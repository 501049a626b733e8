package io.watchfloor.usage.render;

import io.watchfloor.usage.OptimisationHint;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.UsageReport;
import io.watchfloor.usage.render.ReportTables.Column;
import io.watchfloor.usage.render.ReportTables.Table;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The report as one self-contained HTML file (inline CSS, charts as base64 PNG), to mail or attach. Every text is
 * escaped: names come from configuration and must never become markup.
 */
final class HtmlReport {
    private static final int CHART_WIDTH = 760;
    private static final int CHART_HEIGHT = 240;

    private static final String CSS = """
            body{font-family:"DejaVu Sans","Segoe UI",Helvetica,Arial,sans-serif;color:#222;margin:0;background:#fff}
            main{max-width:880px;margin:0 auto;padding:32px 24px 48px}
            .kind{color:#1f3a7a;font-weight:bold;font-size:12px;letter-spacing:.08em;text-transform:uppercase}
            h1{font-size:28px;margin:4px 0 2px}
            .window{font-size:17px;margin:0 0 4px}
            .meta{color:#666;font-size:12px;margin:0 0 16px}
            h2{color:#1f3a7a;font-size:16px;border-bottom:1px solid #ccc;padding-bottom:3px;margin:26px 0 8px}
            table{border-collapse:collapse;width:100%;font-size:12.5px}
            th{background:#eef1f6;text-align:left;padding:5px 6px;border-bottom:1px solid #666}
            td{padding:4px 6px;border-bottom:1px solid #ddd;vertical-align:top}
            th.n,td.n{text-align:right;white-space:nowrap}
            img.chart{display:block;width:100%;height:auto;margin:6px 0 10px}
            .muted{color:#666}
            .hint{margin:10px 0}.hint p{margin:0;font-weight:bold}.hint ul{margin:2px 0 0;color:#555;font-size:13px}
            .nodata{font-size:20px;font-weight:bold;margin:32px 0 8px}
            @media print{main{padding:0}h2{break-after:avoid}tr,img{break-inside:avoid}}
            """;

    private HtmlReport() {
    }

    static void write(UsageReport r, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        String title = ReportTables.kindTitle(r.kind()) + " – " + r.scopeName() + " – " + r.window().label();
        w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.write("<title>" + esc(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<main>\n");
        w.write("<div class=\"kind\">" + esc(ReportTables.kindTitle(r.kind())) + "</div>\n");
        w.write("<h1>" + esc(r.scopeName()) + "</h1>\n");
        w.write("<p class=\"window\">" + esc(r.window().label()) + "</p>\n");
        w.write("<p class=\"meta\">" + esc(ReportTables.subtitle(r)) + "</p>\n");
        if (r.hasData()) {
            body(w, r);
        } else {
            w.write("<p class=\"nodata\">" + esc(ReportTables.noDataTitle(r)) + "</p>\n");
            w.write("<p class=\"muted\">" + esc(ReportTables.noDataReason()) + "</p>\n");
        }
        notes(w, r);
        w.write("</main>\n</body>\n</html>\n");
        w.flush();
    }

    private static void body(Writer w, UsageReport r) throws IOException {
        section(w, "Summary");
        table(w, ReportTables.summary(r));
        if (!r.endpoints().isEmpty()) {
            section(w, "Usage per endpoint");
            table(w, ReportTables.endpointUsage(r));
            section(w, "SLA and cost per endpoint");
            table(w, ReportTables.endpointSla(r));
        }
        List<ReportCharts.Chart> charts = ReportCharts.of(r);
        if (!charts.isEmpty()) {
            section(w, "Trends");
            for (ReportCharts.Chart c : charts) {
                var image = TrendCharts.image(TrendCharts.chart(c.title(), c.lines(), r.window().zone()),
                        CHART_WIDTH, CHART_HEIGHT, 2.0);
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(image, "png", png);
                w.write("<img class=\"chart\" alt=\"" + esc(c.title() + " trend") + "\" src=\"data:image/png;base64,"
                        + Base64.getEncoder().encodeToString(png.toByteArray()) + "\">\n");
            }
        }
        section(w, "Incidents");
        if (r.incidents().isEmpty()) {
            w.write("<p class=\"muted\">No incidents touched these endpoints in this window.</p>\n");
        } else {
            table(w, ReportTables.incidents(r));
        }
        if (r.kind() == ReportKind.MONTHLY) {
            section(w, "Cost");
            if (r.costLines().isEmpty()) {
                w.write("<p class=\"muted\">No price table covers these endpoints or hosts in this window.</p>\n");
            } else {
                table(w, ReportTables.costLines(r));
            }
            section(w, "Optimisation hints");
            if (r.hints().isEmpty()) {
                w.write("<p class=\"muted\">Nothing stood out this month.</p>\n");
            }
            for (OptimisationHint h : r.hints()) {
                w.write("<div class=\"hint\"><p>" + esc(h.text()) + "</p>");
                if (!h.figures().isEmpty()) {
                    w.write("<ul>");
                    for (OptimisationHint.Figure f : h.figures()) {
                        w.write("<li>" + esc(f.label()) + ": " + esc(f.value()) + "</li>");
                    }
                    w.write("</ul>");
                }
                w.write("</div>\n");
            }
        }
    }

    private static void notes(Writer w, UsageReport r) throws IOException {
        if (r.notes().isEmpty()) {
            return;
        }
        section(w, "Notes");
        w.write("<ul>\n");
        for (String n : r.notes()) {
            w.write("<li>" + esc(n) + "</li>\n");
        }
        w.write("</ul>\n");
    }

    private static void section(Writer w, String title) throws IOException {
        w.write("<h2>" + esc(title) + "</h2>\n");
    }

    private static void table(Writer w, Table t) throws IOException {
        w.write("<table>\n<thead><tr>");
        for (Column c : t.columns()) {
            w.write(c.numeric() ? "<th class=\"n\">" : "<th>");
            w.write(esc(c.header()) + "</th>");
        }
        w.write("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            w.write("<tr>");
            for (int i = 0; i < row.size(); i++) {
                w.write(t.columns().get(i).numeric() ? "<td class=\"n\">" : "<td>");
                w.write(esc(row.get(i)) + "</td>");
            }
            w.write("</tr>\n");
        }
        w.write("</tbody>\n</table>\n");
    }

    /** Text for element content and double-quoted attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
