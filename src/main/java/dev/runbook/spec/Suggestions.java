package dev.runbook.spec;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean": the closest known name within a small edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    public static Optional<String> closest(String wrong, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(wrong.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, Math.min(3, wrong.length() / 3));
        if (best != null && bestDistance <= allowed) {
            return Optional.of(best);
        }
        // "uppercase" for "upper", "integrity_check" for "integrity": a longer or shorter spelling.
        for (String candidate : known) {
            String a = wrong.toLowerCase();
            String b = candidate.toLowerCase();
            if (Math.min(a.length(), b.length()) >= 4 && (a.startsWith(b) || b.startsWith(a))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** "did you mean 'x'?" or null, ready to be a hint. */
    public static String didYouMean(String wrong, Collection<String> known) {
        return closest(wrong, known).map(s -> "did you mean '" + s + "'?").orElse(null);
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent swaps ("tiemout"). */
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
