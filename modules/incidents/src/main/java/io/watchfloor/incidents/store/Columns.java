package io.watchfloor.incidents.store;

/**
 * The text column sizes of V1__incidents.sql, in characters. Commands refuse longer user text with a message
 * (see io.watchfloor.incidents.TextRules); the store cuts anything that still does not fit (alert labels and
 * annotations from a source) with a visible ellipsis, so a long value never becomes an SQL error.
 */
public final class Columns {
    public static final int TITLE = 200;
    public static final int GROUP_KEY = 1000;
    public static final int USER = 100;
    public static final int OVERRIDE = 1000;
    public static final int POSTMORTEM_TEXT = 16000;
    public static final int FINGERPRINT = 128;
    public static final int SOURCE_ID = 200;
    public static final int ALERTNAME = 200;
    public static final int LABELS_JSON = 16000;
    public static final int SUMMARY = 1000;
    public static final int HOST = 255;
    public static final int STEP_KEY = 300;
    public static final int RUNBOOK_ID = 100;
    public static final int RUNBOOK_TITLE = 200;
    public static final int STEP_TEXT = 2000;
    public static final int HINT = 2000;
    public static final int MEDIA_TYPE = 100;
    public static final int ACTOR = 200;
    public static final int ENTRY_TEXT = 4000;
    public static final int ACTION_TEXT = 1000;

    private static final String ELLIPSIS = "\u2026";

    private Columns() {
    }

    /** {@code s} if it fits in {@code max} characters, else its start and an ellipsis (max in all); null stays null. */
    public static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never split a character in two
        }
        return s.substring(0, end) + ELLIPSIS;
    }
}
