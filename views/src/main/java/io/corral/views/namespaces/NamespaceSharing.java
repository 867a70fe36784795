package io.corral.views.namespaces;

import io.corral.model.namespace.NamespaceId;
import io.corral.model.namespace.NamespaceSnapshot;
import io.corral.model.namespace.NamespaceType;
import io.corral.model.namespace.ProcessNamespaces;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Whether a task shares the host's namespaces, for the task table's namespaces column:
 * a short text ({@code pid mnt net}, empty when it shares all) and a tooltip naming each
 * namespace that differs.
 */
public record NamespaceSharing(Set<NamespaceType> unshared, String text, String tooltip) {

    public static NamespaceSharing of(NamespaceSnapshot snap, long pid) {
        Set<NamespaceType> unshared = snap.unsharedTypes(pid);
        if (unshared.isEmpty()) {
            return new NamespaceSharing(unshared, "", snap.processes().containsKey(pid)
                    ? "shares every namespace with the host" : "namespaces unknown (process not readable)");
        }
        ProcessNamespaces p = snap.processes().get(pid);
        Map<NamespaceType, NamespaceId> host = snap.hostNamespaces();
        String text = unshared.stream().map(NamespaceType::procName).collect(Collectors.joining(" "));
        String tip = unshared.stream()
                .map(t -> "own " + t.procName() + " namespace " + p.namespaces().get(t) + " (host: " + host.get(t) + ")")
                .collect(Collectors.joining("\n"));
        return new NamespaceSharing(unshared, text, tip);
    }

    /**
     * For a group row: which namespaces of its own the group's processes live in, e.g.
     * {@code own mnt, net, pid} ("a container"), or empty text when they share the host's.
     */
    public static String groupSummary(NamespaceSnapshot snap, String hierarchyId, io.corral.model.cgroup.GroupPath group) {
        java.util.List<NamespaceId> own = snap.ownNamespacesOfGroup(hierarchyId, group);
        if (own.isEmpty()) {
            return "";
        }
        return "own " + own.stream().map(id -> id.type().procName()).distinct().collect(Collectors.joining(", "));
    }

    public boolean sharesAll() {
        return unshared.isEmpty();
    }

    /** A table cell for a column of PIDs, reading the latest snapshot from {@code snapshot}. */
    public static <S> TableCell<S, Long> cell(Supplier<NamespaceSnapshot> snapshot) {
        return new TableCell<>() {
            @Override
            protected void updateItem(Long pid, boolean empty) {
                super.updateItem(pid, empty);
                if (empty || pid == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                NamespaceSharing s = of(snapshot.get(), pid);
                setText(s.text());
                setTooltip(new Tooltip(s.tooltip()));
            }
        };
    }
}
