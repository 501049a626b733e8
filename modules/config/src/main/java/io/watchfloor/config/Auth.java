package io.watchfloor.config;

/** How a source authenticates over HTTP. */
public sealed interface Auth {
    record None() implements Auth {
    }

    record Bearer(Secret token) implements Auth {
    }

    record Basic(String user, Secret password) implements Auth {
    }

    Auth NONE = new None();
}
