package io.watchfloor.app.ui.endpoints;

import io.watchfloor.model.endpoint.EndpointState;
import io.watchfloor.model.endpoint.SlaFigures;
import io.watchfloor.model.endpoint.SlaWindow;
import java.util.EnumMap;
import java.util.Map;

/** One endpoint as the views show it: its judged state and its SLA figures per window (empty until computed). */
public record EndpointRow(EndpointState state, Map<SlaWindow, SlaFigures> sla) {
    public EndpointRow {
        EnumMap<SlaWindow, SlaFigures> m = new EnumMap<>(SlaWindow.class);
        m.putAll(sla);
        sla = java.util.Collections.unmodifiableMap(m);
    }

    public String id() {
        return state.id();
    }

    /** The calendar month's figures, the window the SLA is promised for; null when not computed. */
    public SlaFigures month() {
        return sla.get(SlaWindow.MONTH);
    }
}
