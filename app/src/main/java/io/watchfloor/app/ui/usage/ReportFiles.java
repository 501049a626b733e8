package io.watchfloor.app.ui.usage;

import io.watchfloor.usage.UsageReport;
import io.watchfloor.usage.render.ReportFormat;
import io.watchfloor.usage.render.ReportRenderer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ReportRenderer.render(report, format, out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
