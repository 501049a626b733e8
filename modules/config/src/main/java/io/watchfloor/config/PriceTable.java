package io.watchfloor.config;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Prices from one date on. Token prices and the instance-hour price may be combined; a missing one is null (not
 * zero: a model without an instance-hour price is not free per hour, it is simply not billed that way).
 * BigDecimal because cost is reported to the cent and binary doubles drift.
 *
 * @param inputPer1k   price of 1,000 input (prompt) tokens
 * @param outputPer1k  price of 1,000 output (completion) tokens
 * @param instanceHour price of one dedicated GPU host for one hour
 */
public record PriceTable(LocalDate from, BigDecimal inputPer1k, BigDecimal outputPer1k, BigDecimal instanceHour) {
    public PriceTable {
        Objects.requireNonNull(from, "from");
    }
}
