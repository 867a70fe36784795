package io.corral.app.console;

import io.corral.model.testing.LiveCgroups;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.time.Duration;

/**
 * A test class driving the real window on the live kernel: opened per test (as root), closed
 * after. Subclasses declare the {@code @Start} method (TestFX looks for it on the test class
 * itself) and call {@link #open}.
 */
@ExtendWith({ApplicationExtension.class, LiveCgroups.class})
abstract class LiveWindowTest {
    protected LiveWindow live;

    /** The window for one test; override to change the interval or wrap the actions. */
    protected LiveWindow open(Stage stage) throws Exception {
        return LiveWindow.open(stage, Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
    }
}
