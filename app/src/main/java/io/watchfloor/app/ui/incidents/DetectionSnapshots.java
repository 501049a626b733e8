package io.watchfloor.app.ui.incidents;

import io.watchfloor.app.snapshot.PngWriter;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.app.ui.endpoints.EndpointsPresenter;
import io.watchfloor.app.ui.wall.WallPresenter;
import io.watchfloor.app.ui.wall.WallView;
import io.watchfloor.app.ui.wall.WallViewModel;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentBoard;
import io.watchfloor.incidents.TimelineKind;
import io.watchfloor.model.Reading;
import io.watchfloor.model.WallSnapshot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Scene;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a picture of the affected hosts' wall tiles on a new incident's timeline: what the wall showed when the
 * console first saw the incident. Only incidents opened in the last few minutes are pictured (a console started
 * hours after an incident opened would show today's tiles as if they were then), each once per console run, and
 * only when the wall has tiles of its hosts. Rendering is on the FX thread (one small offscreen scene); PNG
 * encoding and the desk's write are not.
 */
public final class DetectionSnapshots implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DetectionSnapshots.class);
    /** Older incidents get no picture: the wall no longer shows what it showed at detection. */
    static final Duration FRESH = Duration.ofMinutes(5);
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;

    private final ViewContext context;
    private final Set<String> tried = new HashSet<>();
    private AutoCloseable subscription;

    public DetectionSnapshots(ViewContext context) {
        this.context = context;
    }

    /** Starts following the desk's boards. FX thread. */
    public void start() {
        subscription = context.incidents().subscribe(new io.watchfloor.app.ui.Coalescer<IncidentBoard>(context.fx(),
                this::onBoard));
        onBoard(context.incidents().board());
    }

    /** FX thread. Completes when every picture started here is saved (or failed, which is logged). */
    public CompletableFuture<Void> onBoard(IncidentBoard board) {
        Instant now = context.clock().instant();
        List<CompletableFuture<?>> saving = new java.util.ArrayList<>();
        for (Incident incident : board.open()) {
            if (incident.hosts().isEmpty() || incident.openedAt() == null
                    || incident.openedAt().isBefore(now.minus(FRESH)) || !tried.add(incident.id())
                    || incident.timeline().stream().anyMatch(e -> e.kind() == TimelineKind.SNAPSHOT)) {
                continue;
            }
            saving.add(capture(incident));
        }
        return CompletableFuture.allOf(saving.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<?> capture(Incident incident) {
        WallSnapshot wall = context.current().get();
        Set<String> hosts = Set.copyOf(incident.hosts());
        List<Reading> readings = wall.readings().stream().filter(r -> hosts.contains(r.key().host())).toList();
        if (readings.isEmpty()) {
            LOG.debug("no wall tiles of {} for {}", hosts, incident.id());
            return CompletableFuture.completedFuture(null);
        }
        WallSnapshot only = new WallSnapshot(wall.generatedAt(), wall.sources(), readings, wall.sparklines());
        WallViewModel vm = new WallViewModel(new WallPresenter(context.evaluator(), context.config().wall().staleAfter(),
                EndpointsPresenter.forConfig(context.config())), context.clock(), only);
        WallView view = new WallView(vm, context.config().wall().minTileWidth(), context.config().wall().rotate());
        Scene scene = new Scene(view.node(), WIDTH, HEIGHT);
        Theme.apply(scene);
        BufferedImage image = PngWriter.render(scene);
        String caption = "Wall at detection: " + String.join(", ", incident.hosts());
        return CompletableFuture.supplyAsync(() -> png(image))
                .thenCompose(bytes -> context.incidents().attachSnapshot(incident.id(), caption, bytes, "watchfloor"))
                .handle((done, failure) -> {
                    if (failure != null) {
                        LOG.warn("wall snapshot of {} not saved: {}", incident.id(), failure.getMessage());
                    }
                    return null;
                });
    }

    private static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the wall snapshot: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("unsubscribe: {}", e.toString());
            }
            subscription = null;
        }
    }
}
