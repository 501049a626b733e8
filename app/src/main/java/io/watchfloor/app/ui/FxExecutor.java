package io.watchfloor.app.ui;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * Where view-model updates run. The app uses the FX thread; tests use a direct executor so view
 * models can be tested without a toolkit.
 */
public interface FxExecutor extends Executor {
    FxExecutor FX = command -> {
        if (Platform.isFxApplicationThread()) {
            command.run();
        } else {
            Platform.runLater(command);
        }
    };

    FxExecutor DIRECT = Runnable::run;
}
