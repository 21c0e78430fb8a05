package dev.runbook.fleet;

/**
 * --max-fail: how many hosts may fail before the fleet run stops, as a count ({@code 2}) or a
 * percentage of the selected hosts ({@code 10%}). The rule is strictly greater: the budget is spent
 * when the failed hosts are MORE than it allows, so {@code 0} (the default) stops at the first
 * failure, {@code 2} at the third, and {@code 10%} of 30 hosts at the fourth (4 > 3). A host that
 * could not be reached counts as failed: it did not get the change.
 */
public record FailureBudget(int count, boolean percent) {

    public static final FailureBudget NONE = new FailureBudget(0, false);

    public static FailureBudget parse(String text) {
        String value = text.trim();
        boolean percent = value.endsWith("%");
        String digits = percent ? value.substring(0, value.length() - 1) : value;
        if (!digits.matches("[0-9]{1,7}") || percent && Integer.parseInt(digits) > 100) {
            throw new IllegalArgumentException("--max-fail: '" + text + "' is not a host count (0 and up) or a "
                    + "percentage (0% to 100%)");
        }
        return new FailureBudget(Integer.parseInt(digits), percent);
    }

    /** Whether this many failed hosts out of this many selected spend the budget. */
    public boolean spent(int failed, int total) {
        return percent ? failed * 100L > (long) count * total : failed > count;
    }

    @Override
    public String toString() {
        return count + (percent ? "%" : "");
    }
}
