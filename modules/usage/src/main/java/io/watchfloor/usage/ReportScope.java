package io.watchfloor.usage;

import java.util.Objects;

/** What a report is about: one customer (all its endpoints and dedicated hosts) or one endpoint. */
public record ReportScope(Kind kind, String id) {
    public enum Kind { CUSTOMER, ENDPOINT }

    public ReportScope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static ReportScope customer(String id) {
        return new ReportScope(Kind.CUSTOMER, id);
    }

    public static ReportScope endpoint(String id) {
        return new ReportScope(Kind.ENDPOINT, id);
    }

    @Override
    public String toString() {
        return (kind == Kind.CUSTOMER ? "customer " : "endpoint ") + id;
    }
}
