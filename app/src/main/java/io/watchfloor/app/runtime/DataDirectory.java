package io.watchfloor.app.runtime;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the cache lives when no --data-dir is given: the platform's per-user data directory
 * ($XDG_DATA_HOME/watchfloor, else ~/.local/share/watchfloor on Linux).
 */
public final class DataDirectory {
    private DataDirectory() {
    }

    public static Path defaultFor(Map<String, String> env, String osName, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("LOCALAPPDATA");
            return appData != null ? Path.of(appData, "Watchfloor") : Path.of(userHome, "AppData", "Local", "Watchfloor");
        }
        if (os.contains("mac")) {
            return Path.of(userHome, "Library", "Application Support", "Watchfloor");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "watchfloor");
        }
        return Path.of(userHome, ".local", "share", "watchfloor");
    }

    public static Path defaultDir() {
        return defaultFor(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }
}
