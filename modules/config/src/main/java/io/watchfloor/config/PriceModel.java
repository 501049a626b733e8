package io.watchfloor.config;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One entry under {@code prices:}: what a model costs and which endpoints (and dedicated GPU hosts) it prices.
 * Prices change over time, so a model holds dated tables; each applies from its date (00:00 in the report's zone)
 * until the next one's.
 *
 * @param model    the model name, e.g. gpt-4o or llama-3.1-70b-dedicated
 * @param currency ISO 4217 code, USD by default
 * @param tables   ordered by {@code from}, at least one
 */
public record PriceModel(String model, String currency, List<String> endpoints, List<String> hosts,
                         List<PriceTable> tables) {
    public PriceModel {
        Objects.requireNonNull(model, "model");
        currency = currency == null ? "USD" : currency;
        endpoints = List.copyOf(endpoints);
        hosts = List.copyOf(hosts);
        tables = tables.stream().sorted(Comparator.comparing(PriceTable::from)).toList();
    }

    /** The table in force on {@code day}, or null before the first one. */
    public PriceTable tableOn(LocalDate day) {
        PriceTable found = null;
        for (PriceTable t : tables) {
            if (!t.from().isAfter(day)) {
                found = t;
            }
        }
        return found;
    }
}
