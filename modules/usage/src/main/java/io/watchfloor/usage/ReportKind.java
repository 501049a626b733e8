package io.watchfloor.usage;

/**
 * The two reports customer success sends. The weekly report is usage, performance and incidents; the monthly
 * review adds cost, optimisation hints and usage trends.
 */
public enum ReportKind {
    WEEKLY("weekly"),
    MONTHLY("monthly");

    private final String wireName;

    ReportKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ReportKind fromWireName(String name) {
        for (ReportKind k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown report kind \"" + name + "\"; expected weekly or monthly");
    }
}
