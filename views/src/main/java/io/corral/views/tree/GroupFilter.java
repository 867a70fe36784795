package io.corral.views.tree;

import io.corral.views.state.GroupRow;
import io.corral.views.state.TaskRow;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * The tree's filter box: a group matches when its path contains the text (case-insensitive),
 * or one of its processes has that PID (the text is all digits) or a command containing it.
 */
public record GroupFilter(String text) implements Predicate<GroupRow> {
    public GroupFilter {
        text = text == null ? "" : text.strip();
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    @Override
    public boolean test(GroupRow g) {
        if (text.isEmpty()) {
            return true;
        }
        String needle = text.toLowerCase(Locale.ROOT);
        if (g.key().path().toString().toLowerCase(Locale.ROOT).contains(needle)) {
            return true;
        }
        boolean digits = needle.chars().allMatch(Character::isDigit);
        for (TaskRow t : g.tasks()) {
            if (digits && Long.toString(t.pid()).equals(needle)) {
                return true;
            }
            if (t.command().toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
