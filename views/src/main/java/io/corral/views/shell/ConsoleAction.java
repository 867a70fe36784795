package io.corral.views.shell;

import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One thing the user can do, shown as menu items, context-menu items and a toolbar button
 * that share one enabled state. When disabled, the reason is the button's tooltip (on a
 * wrapper: a disabled control shows none) and follows the menu text, so a greyed-out entry
 * never leaves the user guessing.
 */
final class ConsoleAction {
    private final String id;
    private final String text;
    private final String help;
    private final Ikon icon;
    private final KeyCombination accelerator;
    private final Runnable handler;
    private final List<MenuItem> menuItems = new ArrayList<>();
    private final List<GuardedButton> buttons = new ArrayList<>();
    private Optional<String> refusal = Optional.empty();

    ConsoleAction(String id, String text, String help, Ikon icon, KeyCombination accelerator, Runnable handler) {
        this.id = id;
        this.text = text;
        this.help = help;
        this.icon = icon;
        this.accelerator = accelerator;
        this.handler = handler;
    }

    /** A menu item; with the accelerator only in the main menu (one owner per shortcut). */
    MenuItem menuItem(boolean withAccelerator) {
        MenuItem m = new MenuItem(text, icon == null ? null : new FontIcon(icon));
        m.setId("menu-" + id + (withAccelerator ? "" : "-ctx"));
        if (withAccelerator && accelerator != null) {
            m.setAccelerator(accelerator);
        }
        m.setOnAction(e -> fire());
        menuItems.add(m);
        apply();
        return m;
    }

    /**
     * A toolbar button (id {@code tool-ID}) in a wrapper that carries its tooltip: the
     * action's name and shortcut, then its help or, while disabled, "Unavailable: reason".
     */
    Node button() {
        String shortcut = accelerator == null ? "" : "  [" + accelerator.getDisplayText() + "]";
        GuardedButton b = new GuardedButton("tool-" + id, null, icon, text.replace("\u2026", "") + shortcut, help,
                this::fire);
        b.button().setFocusTraversable(false);
        buttons.add(b);
        apply();
        return b.node();
    }

    void fire() {
        if (refusal.isEmpty()) {
            handler.run();
        }
    }

    /** Enables the action, or disables it with the reason. */
    void refuse(Optional<String> reason) {
        if (!reason.equals(refusal)) {
            refusal = reason;
            apply();
        }
    }

    Optional<String> refusal() {
        return refusal;
    }

    private void apply() {
        for (MenuItem m : menuItems) {
            m.setDisable(refusal.isPresent());
            m.setText(refusal.map(r -> text + "  (" + r + ")").orElse(text));
        }
        for (GuardedButton b : buttons) {
            b.refuse(refusal);
        }
    }
}
