package io.watchfloor.app.ui.endpoints;

import io.watchfloor.model.Metric;
import io.watchfloor.model.endpoint.EndpointState;
import io.watchfloor.model.endpoint.EndpointStatus;
import io.watchfloor.model.endpoint.SlaFigures;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One LLM endpoint as a compact tile, on the wall's Endpoints band and on the Endpoints page: its name; the status
 * badge (shape + word) with why when not UP (the provider when UP); requests / errors / latency; and the month's
 * error budget left with the data's age.
 * Pooled and rebound like the GPU tiles; fonts scale with the tile's width.
 */
public final class EndpointTileView {
    private final VBox root = new VBox();
    private final Label name = label("ep-tile-name");
    private final Label badge = label("ep-tile-badge");
    private final Label reason = label("ep-tile-reason");
    private final Label figures = label("ep-tile-figures");
    private final Label budget = label("ep-tile-budget");
    private final Label age = label("ep-tile-age");
    private String endpointId;
    private double width = -1;
    private double height = -1;

    public EndpointTileView() {
        // the name has a line of its own: endpoint ids are long and must not be cut for the badge
        badge.setMinWidth(Region.USE_PREF_SIZE);
        HBox head = new HBox(badge, reason);
        head.setAlignment(Pos.BASELINE_LEFT);
        head.getStyleClass().add("ep-tile-head");
        Region footSpacer = new Region();
        HBox.setHgrow(footSpacer, Priority.ALWAYS);
        age.setMinWidth(Region.USE_PREF_SIZE);
        HBox foot = new HBox(budget, footSpacer, age);
        foot.setAlignment(Pos.BASELINE_LEFT);
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        root.getChildren().addAll(name, head, figures, grow, foot);
        root.getStyleClass().add("ep-tile");
        root.setFillWidth(true);
    }

    public Node node() {
        return root;
    }

    /** The endpoint id shown, for click handlers. */
    public String endpointId() {
        return endpointId;
    }

    public void onClick(Consumer<String> action) {
        root.setOnMouseClicked(e -> {
            if (endpointId != null) {
                action.accept(endpointId);
            }
        });
    }

    /** Sizes the tile; text scales with the width so a 4K wall gets bigger letters, not smaller tiles. */
    public void resize(double w, double h) {
        if (w == width && h == height) {
            return;
        }
        width = w;
        height = h;
        root.setPrefSize(w, h);
        root.setMinSize(w, h);
        root.setMaxSize(w, h);
        root.resize(w, h);
        // four lines must fit the height as well as the width
        double font = Math.max(9, Math.min(w / 20.0, h / 6.2));
        root.setStyle("-fx-font-size: " + Math.round(font) + "px;");
    }

    public void update(EndpointRow row) {
        EndpointState s = row.state();
        endpointId = s.id();
        name.setText(s.name());
        EndpointStatus st = s.status();
        EndpointStyle.setStatusClass(root, st);
        badge.setText(EndpointStyle.badge(st));
        reason.setText(st == EndpointStatus.UP ? s.provider() : tileReason(s.reason()));
        figures.setText(EndpointFormat.count(s.value(Metric.REQUESTS_PM)) + " rpm · err "
                + percentOrDash(s.value(Metric.ERROR_PCT)) + " · " + EndpointFormat.shortLatency(s));
        SlaFigures month = row.month();
        budget.setText("budget " + EndpointFormat.budget(month));
        EndpointStyle.toggle(budget, "spent", EndpointFormat.spent(month));
        age.setText((s.demo() ? "DEMO · " : "") + (s.ageSeconds() == null ? "never" : EndpointFormat.age(s.ageSeconds()) + " ago"));
    }

    /**
     * Tiles are narrow: beside the UNKNOWN badge, "no data: source aws AUTH EXPIRED" becomes "aws AUTH EXPIRED",
     * keeping what matters (which source, what is wrong with it); the banner above says it in full.
     */
    static String tileReason(String reason) {
        return reason.startsWith("no data: source ") ? reason.substring("no data: source ".length()) : reason;
    }

    private static String percentOrDash(Double v) {
        return v == null ? EndpointFormat.NONE : EndpointFormat.pct(v) + "%";
    }

    private static Label label(String styleClass) {
        Label l = new Label();
        l.getStyleClass().add(styleClass);
        l.setMinWidth(0);
        return l;
    }
}
