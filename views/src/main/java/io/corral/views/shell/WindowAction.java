package io.corral.views.shell;

import io.corral.views.state.GroupRow;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A group action contributed by another feature (e.g. Launch...), added by
 * {@link MainWindow#addGroupAction} to the toolbar, the Group menu and the group context menu
 * like the built-in ones: enabled from the selected group, with the reason when it is not.
 *
 * @param refusal why the action cannot run for the selected group (empty: it can); re-asked
 *                on every selection change and frame
 * @param handler runs on the FX thread with the selected group
 */
public record WindowAction(String id, String text, String help, Ikon icon, KeyCombination accelerator,
                           Function<Optional<GroupRow>, Optional<String>> refusal,
                           Consumer<Optional<GroupRow>> handler) {
}
