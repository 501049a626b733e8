package io.watchfloor.usage.render;

import io.watchfloor.usage.render.ReportTables.Column;
import io.watchfloor.usage.render.ReportTables.Table;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes top to bottom on A4 portrait pages: a cursor, wrapped text, tables that continue on the next page with
 * their header repeated, images, and page footers. Knows nothing about reports.
 */
final class PdfPageWriter implements Closeable {
    static final PDRectangle PAGE = PDRectangle.A4;
    static final float MARGIN_X = 50;
    static final float MARGIN_TOP = 50;
    static final float MARGIN_BOTTOM = 56;
    static final Color INK = new Color(0x22, 0x22, 0x22);
    static final Color MUTED = new Color(0x66, 0x66, 0x66);
    static final Color ACCENT = new Color(0x1F, 0x3A, 0x7A);
    private static final Color RULE = new Color(0xCC, 0xCC, 0xCC);
    private static final Color HEADER_FILL = new Color(0xEE, 0xF1, 0xF6);
    private static final float CELL_PAD = 4;
    private static final float LEADING = 1.3f;

    private final PDDocument doc;
    private final PdfFonts fonts;
    private PDPageContentStream content;
    private float y;

    PdfPageWriter(PDDocument doc, PdfFonts fonts) {
        this.doc = doc;
        this.fonts = fonts;
    }

    float width() {
        return PAGE.getWidth() - 2 * MARGIN_X;
    }

    void newPage() throws IOException {
        closeContent();
        PDPage page = new PDPage(PAGE);
        doc.addPage(page);
        content = new PDPageContentStream(doc, page);
        y = PAGE.getHeight() - MARGIN_TOP;
    }

    /** Starts a new page unless {@code height} still fits above the bottom margin. */
    void ensure(float height) throws IOException {
        if (content == null || y - height < MARGIN_BOTTOM) {
            newPage();
        }
    }

    void gap(float points) {
        y -= points;
    }

    /** Wrapped text at the left margin. */
    void text(String text, float size, boolean bold, Color colour) throws IOException {
        text(text, size, bold, colour, MARGIN_X, width());
    }

    void text(String text, float size, boolean bold, Color colour, float x, float maxWidth) throws IOException {
        PDFont font = bold ? fonts.bold : fonts.regular;
        for (String line : wrap(fonts.safe(font, text), font, size, maxWidth)) {
            ensure(size * LEADING);
            y -= size * LEADING;
            show(line, font, size, colour, x, y + size * 0.25f);
        }
    }

    /** A section heading with a thin rule under it; kept with at least {@code keepWith} points of what follows. */
    void heading(String text, float keepWith) throws IOException {
        ensure(34 + keepWith);
        gap(12);
        text(text, 12.5f, true, ACCENT);
        gap(3);
        rule(MARGIN_X, y, MARGIN_X + width(), RULE, 0.6f);
        gap(6);
    }

    void image(BufferedImage image, float w, float h) throws IOException {
        ensure(h + 4);
        PDImageXObject x = LosslessFactory.createFromImage(doc, image);
        y -= h;
        content.drawImage(x, MARGIN_X, y, w, h);
        gap(4);
    }

    /**
     * A table over the full width. Columns get their natural width; when that is too wide, the text columns share
     * what the number columns leave and their cells wrap.
     */
    void table(Table table, float size) throws IOException {
        List<Column> cols = table.columns();
        float[] widths = columnWidths(table, size);
        float lineHeight = size * LEADING;
        drawHeader(cols, widths, size, lineHeight);
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> row = table.rows().get(r);
            List<List<String>> cells = new ArrayList<>();
            int lines = 1;
            for (int c = 0; c < cols.size(); c++) {
                List<String> wrapped = wrap(fonts.safe(fonts.regular, row.get(c)), fonts.regular, size,
                        widths[c] - 2 * CELL_PAD);
                cells.add(wrapped);
                lines = Math.max(lines, wrapped.size());
            }
            float rowHeight = lines * lineHeight + 2 * CELL_PAD - 2;
            if (y - rowHeight < MARGIN_BOTTOM) {
                newPage();
                drawHeader(cols, widths, size, lineHeight);
            }
            float x = MARGIN_X;
            for (int c = 0; c < cols.size(); c++) {
                float lineY = y - CELL_PAD + 1;
                for (String line : cells.get(c)) {
                    lineY -= lineHeight;
                    float tx = cols.get(c).numeric()
                            ? x + widths[c] - CELL_PAD - fonts.width(fonts.regular, line, size) : x + CELL_PAD;
                    show(line, fonts.regular, size, INK, tx, lineY + size * 0.28f);
                }
                x += widths[c];
            }
            y -= rowHeight;
            rule(MARGIN_X, y, MARGIN_X + width(), RULE, 0.4f);
        }
        gap(6);
    }

    private void drawHeader(List<Column> cols, float[] widths, float size, float lineHeight) throws IOException {
        List<List<String>> cells = new ArrayList<>();
        int lines = 1;
        for (int c = 0; c < cols.size(); c++) {
            List<String> wrapped = wrap(fonts.safe(fonts.bold, cols.get(c).header()), fonts.bold, size,
                    widths[c] - 2 * CELL_PAD);
            cells.add(wrapped);
            lines = Math.max(lines, wrapped.size());
        }
        float height = lines * lineHeight + 2 * CELL_PAD - 2;
        ensure(height + 3 * lineHeight);
        content.setNonStrokingColor(HEADER_FILL);
        content.addRect(MARGIN_X, y - height, width(), height);
        content.fill();
        float x = MARGIN_X;
        for (int c = 0; c < cols.size(); c++) {
            float lineY = y - CELL_PAD + 1;
            for (String line : cells.get(c)) {
                lineY -= lineHeight;
                float tx = cols.get(c).numeric()
                        ? x + widths[c] - CELL_PAD - fonts.width(fonts.bold, line, size) : x + CELL_PAD;
                show(line, fonts.bold, size, INK, tx, lineY + size * 0.28f);
            }
            x += widths[c];
        }
        y -= height;
        rule(MARGIN_X, y, MARGIN_X + width(), MUTED, 0.6f);
    }

    /**
     * As browsers lay out tables: each column at least as wide as its longest word (so ids and numbers never break),
     * at most its natural width; the room between the two is shared in proportion to what each column lacks.
     */
    private float[] columnWidths(Table table, float size) {
        int n = table.columns().size();
        float[] natural = new float[n];
        float[] minimum = new float[n];
        for (int c = 0; c < n; c++) {
            String header = fonts.safe(fonts.bold, table.columns().get(c).header());
            float nat = fonts.width(fonts.bold, header, size);
            float min = longestWord(header, fonts.bold, size);
            for (List<String> row : table.rows()) {
                String cell = fonts.safe(fonts.regular, row.get(c));
                nat = Math.max(nat, fonts.width(fonts.regular, cell, size));
                min = Math.max(min, longestWord(cell, fonts.regular, size));
            }
            natural[c] = nat + 2 * CELL_PAD;
            minimum[c] = min + 2 * CELL_PAD;
        }
        // a number with its unit ("+12.2 %", "1,870 ms") reads badly broken: keep number cells whole when they fit
        float[] whole = minimum.clone();
        for (int c = 0; c < n; c++) {
            if (table.columns().get(c).numeric()) {
                whole[c] = Math.max(minimum[c], natural[c]);
            }
        }
        if (sum(whole) <= width()) {
            minimum = whole;
        }
        float naturalSum = sum(natural);
        float minimumSum = sum(minimum);
        float[] widths = new float[n];
        if (naturalSum <= width()) {
            // spare room goes to the text columns, or to all columns when there are none
            float spare = width() - naturalSum;
            float texts = 0;
            for (int c = 0; c < n; c++) {
                texts += table.columns().get(c).numeric() ? 0 : natural[c];
            }
            for (int c = 0; c < n; c++) {
                boolean text = !table.columns().get(c).numeric();
                widths[c] = natural[c] + (texts > 0 ? (text ? spare * natural[c] / texts : 0)
                        : spare * natural[c] / naturalSum);
            }
        } else if (minimumSum <= width()) {
            float share = naturalSum > minimumSum ? (width() - minimumSum) / (naturalSum - minimumSum) : 0;
            for (int c = 0; c < n; c++) {
                widths[c] = minimum[c] + (natural[c] - minimum[c]) * share;
            }
        } else {
            // even the longest words do not fit: scale them, and the cells break inside words
            for (int c = 0; c < n; c++) {
                widths[c] = minimum[c] * width() / minimumSum;
            }
        }
        return widths;
    }

    private static float sum(float[] values) {
        float s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    private float longestWord(String text, PDFont font, float size) {
        float w = 0;
        for (String word : text.split(" ")) {
            w = Math.max(w, fonts.width(font, word, size));
        }
        return w;
    }

    /** Greedy word wrap; a word longer than the line is cut. */
    List<String> wrap(String text, PDFont font, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (fonts.width(font, candidate, size) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (fonts.width(font, word, size) > maxWidth && word.length() > 1) {
                int cut = word.length() - 1;
                while (cut > 1 && fonts.width(font, word.substring(0, cut), size) > maxWidth) {
                    cut--;
                }
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            line.append(word);
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private void show(String safeText, PDFont font, float size, Color colour, float x, float baseline)
            throws IOException {
        if (safeText.isEmpty()) {
            return;
        }
        content.beginText();
        content.setFont(font, size);
        content.setNonStrokingColor(colour);
        content.newLineAtOffset(x, baseline);
        content.showText(safeText);
        content.endText();
    }

    private void rule(float x0, float atY, float x1, Color colour, float lineWidth) throws IOException {
        content.setStrokingColor(colour);
        content.setLineWidth(lineWidth);
        content.moveTo(x0, atY);
        content.lineTo(x1, atY);
        content.stroke();
    }

    /** "left text ... page 2 of 5" at the foot of every page; call when all pages are written. */
    void footers(String left) throws IOException {
        closeContent();
        int count = doc.getNumberOfPages();
        float size = 7.5f;
        for (int i = 0; i < count; i++) {
            PDPage page = doc.getPage(i);
            try (PDPageContentStream foot = new PDPageContentStream(doc, page,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                content = foot;
                float baseline = MARGIN_BOTTOM - 26;
                rule(MARGIN_X, baseline + 10, MARGIN_X + width(), RULE, 0.4f);
                show(fonts.safe(fonts.regular, left), fonts.regular, size, MUTED, MARGIN_X, baseline);
                String pageNo = "Page " + (i + 1) + " of " + count;
                show(pageNo, fonts.regular, size, MUTED,
                        MARGIN_X + width() - fonts.width(fonts.regular, pageNo, size), baseline);
            } finally {
                content = null;
            }
        }
    }

    private void closeContent() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeContent();
    }
}
