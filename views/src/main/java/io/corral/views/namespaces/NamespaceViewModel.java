package io.corral.views.namespaces;

import io.corral.model.namespace.Namespace;
import io.corral.model.namespace.NamespaceId;
import io.corral.model.namespace.NamespaceSnapshot;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.Objects;
import java.util.Optional;

/**
 * State shared by the namespace tree and details pane: the latest snapshot (set on the FX
 * thread by whoever samples), the selected namespace, whether Corral may write maps, and
 * where map writes go.
 */
public final class NamespaceViewModel {
    private final ObjectProperty<NamespaceSnapshot> snapshot = new SimpleObjectProperty<>(NamespaceSnapshot.EMPTY);
    private final ObjectProperty<NamespaceId> selected = new SimpleObjectProperty<>();
    private final ObjectBinding<Optional<Namespace>> selectedNamespace;
    private final boolean privileged;
    private final IdMapSubmitter submitter;

    public NamespaceViewModel(boolean privileged, IdMapSubmitter submitter) {
        this.privileged = privileged;
        this.submitter = Objects.requireNonNull(submitter);
        this.selectedNamespace = Bindings.createObjectBinding(
                () -> selected.get() == null ? Optional.empty() : snapshot.get().get(selected.get()), snapshot, selected);
    }

    public ObjectProperty<NamespaceSnapshot> snapshotProperty() {
        return snapshot;
    }

    public void setSnapshot(NamespaceSnapshot s) {
        snapshot.set(Objects.requireNonNull(s));
    }

    public NamespaceSnapshot snapshot() {
        return snapshot.get();
    }

    public ObjectProperty<NamespaceId> selectedProperty() {
        return selected;
    }

    /** The selected namespace in the current snapshot; empty if none, or it is gone. */
    public ObjectBinding<Optional<Namespace>> selectedNamespace() {
        return selectedNamespace;
    }

    public boolean privileged() {
        return privileged;
    }

    public IdMapSubmitter submitter() {
        return submitter;
    }
}
