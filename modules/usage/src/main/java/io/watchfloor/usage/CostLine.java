package io.watchfloor.usage;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One priced quantity: tokens of an endpoint, or instance hours of a dedicated host, under one price table. A
 * window that spans a price change has one line per table.
 *
 * @param subject   endpoint id (TOKENS_IN, TOKENS_OUT) or host id (INSTANCE_HOURS)
 * @param quantity  tokens, or hours observed
 * @param unitPrice per 1k tokens, or per hour
 * @param amount    quantity x unit price, rounded half-even to the cent
 */
public record CostLine(String subject, String model, Basis basis, LocalDate priceFrom, LocalDate periodFrom,
                       LocalDate periodTo, double quantity, BigDecimal unitPrice, String currency, BigDecimal amount) {
    public enum Basis { TOKENS_IN, TOKENS_OUT, INSTANCE_HOURS }
}
