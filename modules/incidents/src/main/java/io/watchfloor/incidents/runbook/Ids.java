package io.watchfloor.incidents.runbook;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Runbook and step ids. They end up in checklist keys "RUNBOOK-ID/STEP-ID" stored with each incident, so they
 * must not contain "/" and should survive copy and paste into chat, tickets and file names.
 */
final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final String EXPECTED = "expected letters, digits, \".\", \"_\" or \"-\", starting with a letter or "
            + "digit, at most 64 characters, such as check-xid";
    /** Slugs are cut at a word boundary near this length, so that ids stay readable in keys and messages. */
    private static final int SLUG_LENGTH = 48;

    private Ids() {
    }

    static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * "Confirm the Xid in `journalctl -k`" becomes "confirm-the-xid-in-journalctl-k"; accents are dropped,
     * anything else that is not a letter or digit becomes one "-". Empty when the text has no letter or digit.
     */
    static String slug(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > SLUG_LENGTH) {
            int cut = slug.lastIndexOf('-', SLUG_LENGTH);
            slug = slug.substring(0, cut > SLUG_LENGTH / 2 ? cut : SLUG_LENGTH);
        }
        return slug;
    }

    /** "\"x\"" for messages: quoted, with line breaks shown and long values shortened. */
    static String quote(String value) {
        String v = value.replace("\n", "\\n").replace("\r", "\\r");
        if (v.length() > 60) {
            v = v.substring(0, 57) + "...";
        }
        return '"' + v + '"';
    }
}
