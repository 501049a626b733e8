-- Watchfloor telemetry cache, schema version 3: a one-row counter that SharedDatabase.durable() bumps after a
-- durable transaction is in the file, so that H2 writes one more chunk after it: only then does H2's crash
-- recovery find that transaction for certain (see io.watchfloor.cache.DurableWrites). Portable SQL as in V1.
CREATE TABLE durable_marker (
    id    INTEGER PRIMARY KEY,
    seals BIGINT NOT NULL
);
INSERT INTO durable_marker (id, seals) VALUES (1, 0);
