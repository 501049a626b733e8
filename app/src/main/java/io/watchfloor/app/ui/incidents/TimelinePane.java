package io.watchfloor.app.ui.incidents;

import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.TimelineEntry;
import io.watchfloor.incidents.TimelineKind;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * An incident's timeline, newest first: time, what happened (a shape and a word), who, and the text. A wall snapshot
 * entry shows a thumbnail of the PNG, read from the store off the FX thread the first time it is shown.
 *
 * <p>Entries never change once written, so their nodes are kept by sequence number while the same incident is
 * shown; only the newest {@link #SHOWN} are on screen (the export has them all).
 */
final class TimelinePane {
    static final int SHOWN = 200;
    /** Thumbnails are decoded at this height (what a 4K screen shows) and scaled down on smaller ones. */
    static final double DECODE_HEIGHT = 240;
    private static final int THUMBNAILS_KEPT = 24;

    private final VBox content = new VBox();
    private final ScrollPane scroll = new ScrollPane(content);
    private final LongFunction<CompletableFuture<Optional<Image>>> thumbnails;
    private final Map<Long, Node> nodes = new LinkedHashMap<>();
    /** Decoded thumbnails by attachment id, the least recently shown dropped first. */
    private final Map<Long, Image> images = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Image> eldest) {
            return size() > THUMBNAILS_KEPT;
        }
    };
    private final Label more = new Label();
    private String incidentId;
    private final javafx.beans.property.DoubleProperty thumbHeight = new javafx.beans.property.SimpleDoubleProperty(90);

    /** @param thumbnails reads and decodes an attachment off the FX thread, completing on it */
    TimelinePane(LongFunction<CompletableFuture<Optional<Image>>> thumbnails) {
        this.thumbnails = thumbnails;
        content.getStyleClass().add("inc-timeline");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("inc-scroll");
        more.getStyleClass().add("inc-dim");
    }

    Region node() {
        return scroll;
    }

    /** The thumbnails' height on screen; follows the page's font size. */
    void setThumbnailHeight(double px) {
        thumbHeight.set(px);
    }

    void show(Incident incident, ZoneId zone) {
        if (!incident.id().equals(incidentId)) {
            incidentId = incident.id();
            nodes.clear();
        }
        List<TimelineEntry> entries = new ArrayList<>(incident.timeline());
        entries.sort((a, b) -> Long.compare(b.seq(), a.seq()));
        List<Node> children = new ArrayList<>();
        for (int i = 0; i < Math.min(SHOWN, entries.size()); i++) {
            TimelineEntry e = entries.get(i);
            children.add(nodes.computeIfAbsent(e.seq(), s -> entryNode(e, zone)));
        }
        if (entries.size() > SHOWN) {
            more.setText((entries.size() - SHOWN) + " older entries: in the exported postmortem");
            children.add(more);
        }
        if (children.isEmpty()) {
            more.setText("Nothing on the timeline yet.");
            children.add(more);
        }
        if (!content.getChildren().equals(children)) {
            content.getChildren().setAll(children);
        }
    }

    private Node entryNode(TimelineEntry e, ZoneId zone) {
        Label time = new Label(IncidentFormat.timeSeconds(e.at(), zone));
        time.getStyleClass().add("inc-tl-time");
        time.setMinWidth(Region.USE_PREF_SIZE);
        Label kind = new Label(kindText(e.kind()));
        kind.getStyleClass().addAll("inc-tl-kind", "inc-tl-" + e.kind().wireName().replace('_', '-'));
        kind.setMinWidth(Region.USE_PREF_SIZE);
        Label actor = new Label(e.actor() == null ? "" : e.actor());
        actor.getStyleClass().add("inc-tl-actor");
        actor.setMinWidth(Region.USE_PREF_SIZE);
        HBox head = new HBox(time, kind, actor);
        head.setAlignment(Pos.BASELINE_LEFT);
        head.getStyleClass().add("inc-tl-head");
        Label text = new Label(e.text());
        text.getStyleClass().add("inc-tl-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(head, text);
        box.getStyleClass().add("inc-tl-entry");
        if (e.attachmentId() != null) {
            box.getChildren().add(thumbnail(e.attachmentId()));
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        return box;
    }

    /** The attachment's thumbnail: a placeholder until the bytes are read and decoded off the FX thread. */
    private Node thumbnail(long attachmentId) {
        ImageView view = new ImageView();
        view.setPreserveRatio(true);
        view.fitHeightProperty().bind(thumbHeight);
        view.getStyleClass().add("inc-thumbnail");
        Label status = new Label("loading snapshot…");
        status.getStyleClass().add("inc-dim");
        VBox holder = new VBox(view, status);
        holder.getStyleClass().add("inc-thumbnail-box");
        Image cached = images.get(attachmentId);
        if (cached != null) {
            view.setImage(cached);
            ChecklistPane.show(status, false);
            return holder;
        }
        thumbnails.apply(attachmentId).whenComplete((img, err) -> {
            if (err != null || img.isEmpty() || img.get().isError()) {
                status.setText(err != null ? "snapshot not readable: " + IncidentFormat.failure(err)
                        : "snapshot not stored");
                return;
            }
            images.put(attachmentId, img.get());
            view.setImage(img.get());
            ChecklistPane.show(status, false);
        });
        return holder;
    }

    static String kindText(TimelineKind k) {
        return switch (k) {
            case OPENED -> "◆ opened";
            case ALERT_FIRING -> "■ alert firing";
            case ALERT_RESOLVED -> "● alert resolved";
            case ALERT_SUPPRESSED -> "◌ alert suppressed";
            case ACKNOWLEDGED -> "✓ acknowledged";
            case STATUS -> "→ status";
            case SEVERITY -> "▲ severity";
            case LEAD -> "★ lead";
            case STEP_DONE -> "☑ step done";
            case STEP_UNDONE -> "☐ step undone";
            case CHECKLIST_ADDED -> "☰ checklist";
            case OVERRIDE -> "⚠ override";
            case NOTE -> "✎ note";
            case SNAPSHOT -> "▣ wall snapshot";
            case RESPONSE_BREACH -> "⚠ response SLA breached";
            case POSTMORTEM -> "✎ postmortem";
            case NOTIFICATION -> "✉ notification";
            case SHELL -> "›_ shell";
        };
    }
}
