package io.watchfloor.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the desk on a real cache directory: who holds it, and that a failed open lets go of it. */
class IncidentDeskTest {
    @TempDir
    Path dataDir;

    private static WatchfloorConfig config(CacheConfig cache) {
        return new WatchfloorConfig(null, List.of(), WallConfig.DEFAULTS, cache);
    }

    @Test
    void aDirectoryHeldByAnotherStoreIsReportedAsLocked() {
        try (H2TelemetryStore console = H2TelemetryStore.open(dataDir, RetentionPolicy.DEFAULTS, null)) {
            assertThatThrownBy(() -> IncidentDesk.open(config(CacheConfig.DEFAULTS), dataDir, Map.of(),
                    Clock.systemUTC()))
                    .isInstanceOfSatisfying(IncidentDesk.DeskUnavailableException.class, e -> {
                        assertThat(e.locked()).isTrue();
                        assertThat(e.dataDir()).isEqualTo(dataDir);
                        assertThat(e.getMessage()).contains(dataDir.toString());
                    });
            assertThat(console.latest()).isEmpty();
        }
    }

    @Test
    void aMissingEncryptionKeyIsNotALock() {
        CacheConfig encrypted = new CacheConfig(CacheConfig.DEFAULTS.raw(), CacheConfig.DEFAULTS.rollupStep(),
                CacheConfig.DEFAULTS.rollupRetention(), "WATCHFLOOR_TEST_KEY");
        assertThatThrownBy(() -> IncidentDesk.open(config(encrypted), dataDir, Map.of(), Clock.systemUTC()))
                .isInstanceOfSatisfying(IncidentDesk.DeskUnavailableException.class, e -> {
                    assertThat(e.locked()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("cache encryption is configured but environment variable"
                            + " WATCHFLOOR_TEST_KEY is not set");
                });
    }

    @Test
    void theDirectoryIsFreeAgainAfterTheDeskClosesOrFailsToOpen() {
        try (IncidentDesk desk = IncidentDesk.open(config(CacheConfig.DEFAULTS), dataDir, Map.of(), Clock.systemUTC())) {
            assertThat(desk.incidents()).isNotNull();
        } catch (IncidentDesk.DeskUnavailableException | RuntimeException e) {
            // not wired to IncidentService yet, or its tables could not be made: either way it must let go
        }
        H2TelemetryStore.open(dataDir, RetentionPolicy.DEFAULTS, null).close();
    }
}
