package io.watchfloor.config;

/**
 * A credential resolved from the environment. toString never reveals it, so a secret that ends
 * up in a log line or an exception message prints as "***".
 */
public record Secret(String value) {
    @Override
    public String toString() {
        return "***";
    }
}
