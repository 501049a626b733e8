package io.watchfloor.app.ui.incidents;

import io.watchfloor.app.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Writes an exported postmortem next to where the user asked, then moves it into place: never half a file. */
final class PostmortemFile {
    private PostmortemFile() {
    }

    /** Off the FX thread. */
    static void write(Path target, String markdown) throws IOException {
        AtomicFiles.writeString(target, markdown);
    }
}
