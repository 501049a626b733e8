package io.watchfloor.usage.render;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The PDF's fonts: DejaVu Sans embedded (subset) when the system has it, so names with "–", "€" or "ü" print as
 * written; otherwise the Standard 14 Helvetica, which only knows WinAnsi. Either way {@link #safe} replaces what the
 * font cannot show with '?', so an odd character in a configured name never stops a report.
 */
final class PdfFonts {
    static final Path DEJAVU_DIR = Path.of("/usr/share/fonts/truetype/dejavu");
    private static final Logger LOG = LoggerFactory.getLogger(PdfFonts.class);

    final PDFont regular;
    final PDFont bold;
    final boolean embedded;
    private final Map<PDFont, Map<Integer, Boolean>> canShow = new HashMap<>();

    private PdfFonts(PDFont regular, PDFont bold, boolean embedded) {
        this.regular = regular;
        this.bold = bold;
        this.embedded = embedded;
    }

    static PdfFonts load(PDDocument doc) {
        return load(doc, DEJAVU_DIR.resolve("DejaVuSans.ttf"), DEJAVU_DIR.resolve("DejaVuSans-Bold.ttf"));
    }

    /** DejaVu from these files when both can be read, else Helvetica. */
    static PdfFonts load(PDDocument doc, Path regularFile, Path boldFile) {
        if (Files.isReadable(regularFile) && Files.isReadable(boldFile)) {
            try {
                return new PdfFonts(PDType0Font.load(doc, regularFile.toFile()),
                        PDType0Font.load(doc, boldFile.toFile()), true);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not load {} for reports, falling back to Helvetica: {}", regularFile, e.toString());
            }
        } else {
            LOG.info("{} not found; reports use Helvetica, which shows Western European text only", regularFile);
        }
        return new PdfFonts(new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), false);
    }

    /** {@code text} with line breaks and tabs as spaces, and each character the font has no glyph for as '?'. */
    String safe(PDFont font, String text) {
        if (text == null) {
            return "";
        }
        Map<Integer, Boolean> known = canShow.computeIfAbsent(font, f -> new HashMap<>());
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                b.append(' ');
            } else if (known.computeIfAbsent(cp, c -> encodes(font, c))) {
                b.appendCodePoint(cp);
            } else {
                b.append('?');
            }
        });
        return b.toString();
    }

    private static boolean encodes(PDFont font, int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    float width(PDFont font, String safeText, float size) {
        try {
            return font.getStringWidth(safeText) / 1000f * size;
        } catch (IOException e) {
            // a glyph we could encode but not measure: estimate rather than fail the report
            return safeText.length() * size * 0.55f;
        }
    }
}
