package io.watchfloor.app.ui.endpoints;

import io.watchfloor.model.WallSnapshot;
import io.watchfloor.model.endpoint.SlaBoard;
import java.time.Clock;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The endpoint screens' state on the FX thread: the latest engine snapshot and SLA board, judged at the current time.
 * Re-judged every second even without a new snapshot, so evidence goes stale and ages grow while a source is away.
 */
public final class EndpointsViewModel {
    private final EndpointsPresenter presenter;
    private final Clock clock;
    private final Supplier<SlaBoard> sla;
    private final ObjectProperty<EndpointsPresenter.EndpointsModel> model = new SimpleObjectProperty<>();
    private WallSnapshot snapshot;

    public EndpointsViewModel(EndpointsPresenter presenter, Clock clock, Supplier<SlaBoard> sla, WallSnapshot initial) {
        this.presenter = presenter;
        this.clock = clock;
        this.sla = sla;
        this.snapshot = initial;
        model.set(presenter.present(initial, sla.get(), clock.instant()));
    }

    /** A new snapshot from the engine (FX thread, coalesced). */
    public void accept(WallSnapshot s) {
        snapshot = s;
        tick();
    }

    /** Re-judge at the current time (FX thread, once a second). */
    public void tick() {
        model.set(presenter.present(snapshot, sla.get(), clock.instant()));
    }

    public WallSnapshot snapshot() {
        return snapshot;
    }

    public ReadOnlyObjectProperty<EndpointsPresenter.EndpointsModel> modelProperty() {
        return model;
    }

    public EndpointsPresenter.EndpointsModel model() {
        return model.get();
    }
}
