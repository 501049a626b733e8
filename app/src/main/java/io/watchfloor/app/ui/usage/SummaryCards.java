package io.watchfloor.app.ui.usage;

import io.watchfloor.usage.UsageFigures;
import io.watchfloor.usage.UsageReport;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The headline figures of a report, one card each, with the change against the previous period. Whether a rise is
 * good is written as a colour only where it is clear (errors, throttling, latency up is worse); the arrow and the
 * number always say it.
 */
final class SummaryCards {
    /** Figures the report has no previous value of (SLA, cost): their card has no change line. */
    private static final String NOT_COMPARED = "";
    private final FlowPane pane = new FlowPane();

    SummaryCards() {
        pane.getStyleClass().add("usage-cards");
    }

    Region node() {
        return pane;
    }

    void show(UsageReport r) {
        UsageFigures now = r.totals();
        UsageFigures before = r.previousTotals();
        boolean hadBefore = before != null && before.hasData();
        List<VBox> cards = new ArrayList<>();
        cards.add(card("requests", "Requests", UsageFormat.count(now.requests()),
                hadBefore ? UsageFormat.change(now.requests(), before.requests()) : null, null, null));
        cards.add(card("tokens-in", "Tokens in", UsageFormat.count(now.tokensIn()),
                hadBefore ? UsageFormat.change(now.tokensIn(), before.tokensIn()) : null, null, null));
        cards.add(card("tokens-out", "Tokens out", UsageFormat.count(now.tokensOut()),
                hadBefore ? UsageFormat.change(now.tokensOut(), before.tokensOut()) : null, null, null));
        cards.add(card("errors", "Errors", UsageFormat.pct(now.errorPct()),
                hadBefore ? UsageFormat.changePoints(now.errorPct(), before.errorPct()) : null, true,
                UsageFormat.count(now.errors()) + " requests"));
        cards.add(card("throttled", "Throttled", UsageFormat.pct(now.throttlePct()),
                hadBefore ? UsageFormat.changePoints(now.throttlePct(), before.throttlePct()) : null, true,
                UsageFormat.count(now.throttles()) + " requests"));
        cards.add(card("p50", "Latency p50", latency(now.p50Ms(), now.avgMs()),
                hadBefore ? UsageFormat.change(now.p50Ms(), before.p50Ms()) : null, true,
                now.p50Ms() == null && now.avgMs() != null ? "mean (no percentiles)" : null));
        cards.add(card("p95", "Latency p95", UsageFormat.ms(now.p95Ms()),
                hadBefore ? UsageFormat.change(now.p95Ms(), before.p95Ms()) : null, true, null));
        cards.add(slaCard(ScopeSla.of(r.endpoints())));
        cards.add(card("cost", "Cost", UsageFormat.money(r.costTotals()), NOT_COMPARED, null,
                r.costLines().isEmpty() ? "no price table covers this scope" : r.costLines().size() + " priced lines"));
        pane.getChildren().setAll(cards);
    }

    private static String latency(Double p50, Double avg) {
        return p50 != null ? UsageFormat.ms(p50) : UsageFormat.ms(avg);
    }

    private static VBox slaCard(ScopeSla sla) {
        if (sla == null) {
            return card("uptime", "Uptime", UsageFormat.NONE, NOT_COMPARED, null, "not measured (no probe data)");
        }
        VBox c = card("uptime", "Uptime", UsageFormat.pct(sla.uptimePct()), NOT_COMPARED, null,
                "target " + sla.targetText() + (sla.met() ? " · met" : " · missed"));
        Double used = sla.budgetUsedPct();
        Label budget = new Label(used == null ? "no error budget" : "budget used " + String.format(java.util.Locale.ROOT,
                "%.0f %%", used) + " (" + UsageFormat.duration(sla.budgetUsedSeconds()) + " of "
                + UsageFormat.duration(sla.budgetSeconds()) + ")");
        budget.getStyleClass().addAll("usage-card-note", used != null && used > 100 ? "change-worse"
                : used != null && used > 75 ? "usage-warn" : "usage-plain");
        c.getChildren().add(budget);
        c.getStyleClass().add(sla.met() ? "sla-met" : "sla-missed");
        return c;
    }

    /**
     * @param worseWhenUp null: a rise is neither good nor bad (volume); true: a rise is worse (errors, latency)
     * @param note        a second line under the figure, or null
     */
    private static VBox card(String id, String title, String value, String change, Boolean worseWhenUp, String note) {
        Label t = new Label(title);
        t.getStyleClass().add("usage-card-title");
        Label v = new Label(value);
        v.getStyleClass().add("usage-card-value");
        VBox c = new VBox(t, v);
        c.getStyleClass().add("usage-card");
        c.setMinWidth(Region.USE_PREF_SIZE); // a card is as wide as its longest line: figures are never cut off
        c.setId("card-" + id);
        if (!NOT_COMPARED.equals(change)) {
            Label ch = new Label(change == null ? "no previous data to compare" : change + " vs previous");
            ch.getStyleClass().addAll("usage-card-change", changeClass(change, worseWhenUp));
            c.getChildren().add(ch);
        }
        if (note != null) {
            Label n = new Label(note);
            n.getStyleClass().add("usage-card-note");
            c.getChildren().add(n);
        }
        return c;
    }

    static String changeClass(String change, Boolean worseWhenUp) {
        if (change == null || worseWhenUp == null || change.startsWith("±")) {
            return "change-neutral";
        }
        boolean up = change.startsWith("▲");
        return up == worseWhenUp ? "change-worse" : "change-better";
    }
}
