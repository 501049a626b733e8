package io.watchfloor.app.ui.wall;

import io.watchfloor.model.WallSnapshot;
import io.watchfloor.model.endpoint.SlaBoard;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The wall's state on the FX thread: the latest engine snapshot, judged at the current time.
 * It re-judges every second (ages grow, tiles go stale) even when no new snapshot arrives,
 * which is how a dead source shows on the wall without any poll succeeding.
 */
public final class WallViewModel {
    private final WallPresenter presenter;
    private final Clock clock;
    private final ObjectProperty<WallPresenter.WallModel> model = new SimpleObjectProperty<>();
    private final Supplier<SlaBoard> sla;
    private WallSnapshot snapshot;

    public WallViewModel(WallPresenter presenter, Clock clock, WallSnapshot initial) {
        this(presenter, clock, () -> null, initial);
    }

    /** @param sla the latest SLA board, for the endpoint tiles' error budget */
    public WallViewModel(WallPresenter presenter, Clock clock, Supplier<SlaBoard> sla, WallSnapshot initial) {
        this.presenter = presenter;
        this.clock = clock;
        this.sla = sla;
        this.snapshot = initial;
        model.set(presenter.present(initial, sla.get(), clock.instant()));
    }

    /** A new snapshot from the engine (FX thread, coalesced). */
    public void accept(WallSnapshot s) {
        snapshot = s;
        model.set(presenter.present(s, sla.get(), clock.instant()));
    }

    /** Re-judge the current snapshot at the current time (FX thread, once a second). */
    public void tick() {
        model.set(presenter.present(snapshot, sla.get(), clock.instant()));
    }

    public WallSnapshot snapshot() {
        return snapshot;
    }

    public Instant now() {
        return clock.instant();
    }

    public ReadOnlyObjectProperty<WallPresenter.WallModel> modelProperty() {
        return model;
    }

    public WallPresenter.WallModel model() {
        return model.get();
    }
}
