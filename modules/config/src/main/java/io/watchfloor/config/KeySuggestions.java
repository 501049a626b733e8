package io.watchfloor.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys, by edit distance with swapped neighbours counting as one edit. */
final class KeySuggestions {
    private KeySuggestions() {
    }

    /**
     * The closest known key, when it is close enough to be a plausible typo, or when one is the start or
     * end of the other ("mem" for "memory", "retention" for "rollupRetention").
     */
    static Optional<String> closest(String key, Collection<String> known) {
        String k = key.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int d = distance(k, c);
            boolean prefix = k.length() >= 3 && (c.startsWith(k) || k.startsWith(c))
                    || k.length() >= 4 && c.endsWith(k);
            if ((d <= Math.max(1, c.length() / 3) || prefix) && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Stricter test for source entries, where any unknown key is a legitimate type-specific option:
     * flag only near-certain typos of a common key, so options such as "path" (two edits from "auth")
     * or "ip" (one from "id") pass through to the source type's own validation.
     */
    static Optional<String> likelyTypo(String key, Collection<String> known) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int d = distance(k, c);
            boolean typo = d == 0 // differs only in case, e.g. "cafile"
                    || (d == 1 && c.length() >= 5)
                    || (d == 1 && c.length() == 4 && k.length() == 4)
                    || (d == 1 && isSwap(k, c));
            if (typo) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isSwap(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int i = 0;
        while (i < a.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                && a.substring(i + 2).equals(b.substring(i + 2));
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
