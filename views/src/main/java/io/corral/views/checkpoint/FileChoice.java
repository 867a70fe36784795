package io.corral.views.checkpoint;

import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/** Where an export goes and which archive to import: file dialogs, or fixed paths in tests. */
public interface FileChoice {
    Optional<Path> exportTarget(Window owner, String id);

    Optional<Path> importSource(Window owner);

    /** The platform's file dialogs. */
    static FileChoice dialogs() {
        return new FileChoice() {
            @Override
            public Optional<Path> exportTarget(Window owner, String id) {
                FileChooser c = chooser("Export checkpoint " + id);
                c.setInitialFileName("corral-checkpoint-" + id + ".tar");
                return Optional.ofNullable(c.showSaveDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> importSource(Window owner) {
                return Optional.ofNullable(chooser("Import checkpoint archive").showOpenDialog(owner)).map(File::toPath);
            }

            private FileChooser chooser(String title) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Checkpoint archives (*.tar)", "*.tar"),
                        new FileChooser.ExtensionFilter("All files", "*"));
                return c;
            }
        };
    }
}
