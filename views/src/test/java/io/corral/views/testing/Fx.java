package io.corral.views.testing;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Small FX-thread helpers for view tests: run and wait, wait for pulses, save screenshots. */
public final class Fx {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Fx() {
    }

    /** Runs on the FX thread and waits for it (rethrowing what it threw). */
    public static <T> T call(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
        }
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Waits until at least {@code n} pulses have passed (each pulse lays out and draws). */
    public static void pulses(int n) {
        for (int i = 0; i < n; i++) {
            run(Platform::requestNextPulse);
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** Saves a snapshot of the scene as target/screenshots/NAME.png and returns its path. */
    public static Path screenshot(Scene scene, String name) {
        WritableImage img = call(() -> scene.snapshot(null));
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
