package io.watchfloor.usage.ledger;

/** The usage ledger could not read or write its tables; the message says what, for the operator. */
public final class LedgerException extends RuntimeException {
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
