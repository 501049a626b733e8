package io.watchfloor.usage.render;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/** Axis labels that stay short: 950, 12.5k, 3.2M, 1.1G. */
final class CompactNumberFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        double abs = Math.abs(number);
        DecimalFormat f = new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        if (abs >= 1e9) {
            return toAppendTo.append(f.format(number / 1e9)).append('G');
        }
        if (abs >= 1e6) {
            return toAppendTo.append(f.format(number / 1e6)).append('M');
        }
        if (abs >= 1e4) {
            return toAppendTo.append(f.format(number / 1e3)).append('k');
        }
        return toAppendTo.append(f.format(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return format((double) number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        throw new UnsupportedOperationException("axis labels are never parsed");
    }
}
