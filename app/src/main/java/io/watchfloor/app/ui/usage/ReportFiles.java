package io.watchfloor.app.ui.usage;

import io.watchfloor.app.files.AtomicFiles;
import io.watchfloor.usage.UsageReport;
import io.watchfloor.usage.render.ReportFormat;
import io.watchfloor.usage.render.ReportRenderer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a rendered report whole or not at all: it is rendered into a temporary file beside the target and moved
 * over it, so a failed render never leaves half a PDF where the last good one was. The page and `watchfloor report`
 * both save this way.
 */
public final class ReportFiles {
    /** Writes a report to a file; the page's is {@link #write}, tests put others in. */
    @FunctionalInterface
    public interface Writer {
        void write(UsageReport report, ReportFormat format, Path file) throws IOException;
    }

    private ReportFiles() {
    }

    public static void write(UsageReport report, ReportFormat format, Path file) throws IOException {
        AtomicFiles.write(file, out -> ReportRenderer.render(report, format, out));
    }
}
