package io.corral.views.namespaces;

import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;

/** The namespace tree beside the details of the selected namespace: one node to embed as a tab. */
public final class NamespacePanel extends SplitPane {
    private final NamespaceTree tree;
    private final NamespaceDetailsPane details;

    public NamespacePanel(NamespaceViewModel model) {
        tree = new NamespaceTree(model);
        details = new NamespaceDetailsPane(model);
        ScrollPane scroll = new ScrollPane(details);
        scroll.setFitToWidth(true);
        setId("namespace-panel");
        // Neither side may be squeezed to nothing when the window shrinks (a SplitPane keeps
        // the squeezed position when it grows again).
        tree.view().setMinWidth(180);
        scroll.setMinWidth(200);
        getItems().addAll(tree.view(), scroll);
        setDividerPositions(0.45);
    }

    public NamespaceTree tree() {
        return tree;
    }

    public NamespaceDetailsPane details() {
        return details;
    }
}
