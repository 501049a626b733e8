package io.watchfloor.app.ui.endpoints;

import io.watchfloor.model.Charts;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Series;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.WallSnapshot;
import io.watchfloor.model.endpoint.EndpointState;
import io.watchfloor.model.endpoint.SlaFigures;
import io.watchfloor.model.endpoint.SlaWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * One endpoint in detail: status and why, the last hour of latency and errors, and its SLA over every window (uptime,
 * down, unknown and maintenance time, error budget left, burn rate).
 *
 * <p>The charts read the snapshot's sparklines under {@link Charts} keys: the endpoint's p95 (or the average where that
 * is all), the probe's latency, and the endpoint's error and throttle shares. Without history yet the charts say so
 * rather than drawing nothing.
 */
final class EndpointDetailPane {
    static final long WINDOW_MILLIS = 3_600_000;
    private static final Color LATENCY = Color.web("#58a6ff");
    private static final Color PROBE = Color.web("#d2a8ff");
    private static final Color ERRORS = Color.web("#ff7b72");
    private static final Color THROTTLES = Color.web("#e3a008");
    private static final double[] DASHED = {7, 5};

    private final VBox root = new VBox();
    private final Label badge = label("ep-detail-badge");
    private final Label title = label("ep-detail-title");
    private final Label reason = label("ep-detail-reason");
    private final Label facts = label("ep-detail-facts");
    private final Label slaTitle = label("ep-sla-title");
    private final TrendChart latency = new TrendChart("Latency, last hour", TrendChart::msAxis, "no latency history yet");
    private final TrendChart errors = new TrendChart("Errors and throttles, last hour", TrendChart::pctAxis,
            "no error history yet");
    private final GridPane sla = new GridPane();
    private final Map<SlaWindow, Label[]> slaCells = new java.util.EnumMap<>(SlaWindow.class);
    private final Button close = new Button("✕ Close (Esc)");
    private String endpointId;

    EndpointDetailPane(Runnable onClose) {
        root.getStyleClass().add("ep-detail");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        close.getStyleClass().add("ep-detail-close");
        close.setFocusTraversable(false);
        close.setOnAction(e -> onClose.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(badge, title, reason, spacer, close);
        head.setAlignment(Pos.BASELINE_LEFT);
        head.getStyleClass().add("ep-detail-head");

        VBox charts = new VBox(latency, errors);
        charts.getStyleClass().add("ep-detail-charts");
        VBox.setVgrow(latency, Priority.ALWAYS);
        VBox.setVgrow(errors, Priority.ALWAYS);
        HBox.setHgrow(charts, Priority.ALWAYS);
        buildSlaGrid();
        VBox slaBox = new VBox(slaTitle, sla);
        slaBox.getStyleClass().add("ep-sla-box");
        slaBox.setMinWidth(Region.USE_PREF_SIZE);
        HBox body = new HBox(charts, slaBox);
        body.getStyleClass().add("ep-detail-body");
        VBox.setVgrow(body, Priority.ALWAYS);
        root.getChildren().addAll(head, facts, body);
    }

    Region node() {
        return root;
    }

    String endpointId() {
        return endpointId;
    }

    TrendChart latencyChart() {
        return latency;
    }

    TrendChart errorChart() {
        return errors;
    }

    void setTextSize(double px) {
        latency.setTextSize(Math.round(px * 0.9));
        errors.setTextSize(Math.round(px * 0.9));
    }

    private void buildSlaGrid() {
        sla.getStyleClass().add("ep-sla-grid");
        String[] heads = {"Window", "Uptime", "Down", "Unknown", "Maint.", "Budget left", "Burn"};
        for (int c = 0; c < heads.length; c++) {
            Label h = label("ep-sla-head");
            h.setText(heads[c]);
            sla.add(h, c, 0);
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHalignment(c == 0 ? HPos.LEFT : HPos.RIGHT);
            cc.setMinWidth(Region.USE_PREF_SIZE);
            sla.getColumnConstraints().add(cc);
        }
        int r = 1;
        for (SlaWindow w : SlaWindow.values()) {
            Label[] cells = new Label[heads.length];
            for (int c = 0; c < heads.length; c++) {
                cells[c] = label(c == 0 ? "ep-sla-window" : "ep-sla-cell");
                cells[c].setMinWidth(Region.USE_PREF_SIZE);
                sla.add(cells[c], c, r);
            }
            cells[0].setText(windowName(w));
            if (w == SlaWindow.MONTH) {
                for (Label l : cells) {
                    l.getStyleClass().add("ep-sla-promised");
                }
            }
            slaCells.put(w, cells);
            r++;
        }
    }

    static String windowName(SlaWindow w) {
        return switch (w) {
            case LAST_24H -> "24 h";
            case LAST_7D -> "7 d";
            case LAST_30D -> "30 d";
            case MONTH -> "month";
            case LAST_90D -> "90 d";
        };
    }

    void update(EndpointRow row, WallSnapshot snapshot, Instant at) {
        EndpointState s = row.state();
        endpointId = s.id();
        EndpointStyle.setStatusClass(root, s.status());
        badge.setText(EndpointStyle.badge(s.status()));
        title.setText(s.name() + (s.name().equals(s.id()) ? "" : "  (" + s.id() + ")"));
        reason.setText(s.reason());
        facts.setText(facts(s));
        slaTitle.setText("SLA · target " + EndpointFormat.uptime(s.slaTargetPct()) + " uptime"
                + (row.sla().isEmpty() ? " · not computed yet" : ""));
        for (SlaWindow w : SlaWindow.values()) {
            fill(slaCells.get(w), row.sla().get(w));
        }
        Map<String, Series> spark = snapshot.sparklines();
        TileKey ep = TileKey.endpoint(s.id());
        TileKey pr = TileKey.probe(s.id());
        List<TrendChart.Line> lat = new ArrayList<>();
        lat.add(new TrendChart.Line(s.latencyIsAverage() ? "avg (provider)" : "p95 (provider)", LATENCY, null,
                spark.get(Charts.key(ep, s.latencyIsAverage() ? Metric.AVG_MS : Metric.P95_MS))));
        lat.add(new TrendChart.Line("probe", PROBE, DASHED, spark.get(Charts.key(pr, Metric.PROBE_MS))));
        latency.show(lat, at.toEpochMilli(), WINDOW_MILLIS);
        errors.show(List.of(
                new TrendChart.Line("errors %", ERRORS, null, spark.get(Charts.key(ep, Metric.ERROR_PCT))),
                new TrendChart.Line("throttles %", THROTTLES, DASHED, spark.get(Charts.key(ep, Metric.THROTTLE_PCT)))),
                at.toEpochMilli(), WINDOW_MILLIS);
    }

    /** The line under the title: provider, probe, server gauges, age, DEMO. */
    static String facts(EndpointState s) {
        List<String> parts = new ArrayList<>();
        parts.add(s.provider());
        parts.add("probe: " + EndpointFormat.probe(s));
        Double tls = s.value(Metric.TLS_DAYS_LEFT);
        if (tls != null) {
            parts.add("TLS " + EndpointFormat.tls(tls));
        }
        Double running = s.value(Metric.REQUESTS_RUNNING);
        Double waiting = s.value(Metric.REQUESTS_WAITING);
        Double kv = s.value(Metric.KV_CACHE_PCT);
        if (running != null || waiting != null) {
            parts.add("running " + EndpointFormat.count(running) + " · waiting " + EndpointFormat.count(waiting));
        }
        if (kv != null) {
            parts.add("KV cache " + EndpointFormat.pct(kv) + "%");
        }
        parts.add(s.ageSeconds() == null ? "never read" : "data " + EndpointFormat.age(s.ageSeconds()) + " old");
        if (!s.configured()) {
            parts.add("not in the configuration (default SLA)");
        }
        if (s.demo()) {
            parts.add("DEMO data");
        }
        return String.join("  ·  ", parts);
    }

    private static void fill(Label[] cells, SlaFigures f) {
        EndpointStyle.toggle(cells[5], "spent", EndpointFormat.spent(f));
        EndpointStyle.toggle(cells[6], "burning", f != null && f.burnRate() != null && f.burnRate() > 1);
        if (f == null) {
            for (int c = 1; c < cells.length; c++) {
                cells[c].setText(EndpointFormat.NONE);
            }
            return;
        }
        cells[1].setText(EndpointFormat.uptime(f.uptimePct()));
        cells[2].setText(EndpointFormat.duration(f.downSeconds()));
        cells[3].setText(EndpointFormat.duration(f.unknownSeconds()));
        cells[4].setText(EndpointFormat.duration(f.maintenanceSeconds()));
        cells[5].setText(EndpointFormat.budget(f));
        cells[6].setText(EndpointFormat.burn(f.burnRate()));
    }

    private static Label label(String styleClass) {
        Label l = new Label();
        l.getStyleClass().add(styleClass);
        l.setMinWidth(0);
        return l;
    }
}
