package io.watchfloor.model.incident;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One alert as an alert source (Alertmanager) reports it. The fingerprint identifies it across polls; labels
 * identify what it is about, annotations describe it.
 *
 * @param endsAt     when the sender says it stops counting as firing unless renewed (Alertmanager always sets one);
 *                   null when unknown
 * @param generatorUrl link to the rule's expression in Prometheus, or null
 */
public record Alert(String fingerprint, Map<String, String> labels, Map<String, String> annotations,
                    AlertState state, Instant startsAt, Instant endsAt, String generatorUrl) {
    public Alert {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startsAt, "startsAt");
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }

    public String alertname() {
        return labels.getOrDefault("alertname", "(unnamed alert)");
    }

    /** The annotation a human wrote for this alert: summary, else description, else null. */
    public String summary() {
        String s = annotations.get("summary");
        return s != null && !s.isBlank() ? s : annotations.get("description");
    }
}
