package io.watchfloor.usage.render;

import io.watchfloor.usage.UsageReport;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** Writes a report in one of the formats. The stream is flushed, not closed: the caller owns it. */
public final class ReportRenderer {
    private ReportRenderer() {
    }

    public static void render(UsageReport report, ReportFormat format, OutputStream out) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        switch (format) {
            case PDF -> PdfReport.write(report, out);
            case CSV -> CsvReport.write(report, out);
            case HTML -> HtmlReport.write(report, out);
        }
        out.flush();
    }
}
