package io.corral.views.namespaces;

import io.corral.model.namespace.Namespace;
import io.corral.model.namespace.NamespaceId;
import io.corral.model.namespace.NamespaceType;

/** What a row of the namespace tree stands for. */
public sealed interface NamespaceTreeNode {

    /** The row's text. */
    String label();

    /** A stable key, to keep selection and expansion across snapshots. */
    String key();

    /** The section's root: "Namespaces". */
    record Section(int count) implements NamespaceTreeNode {
        @Override
        public String label() {
            return "Namespaces (" + count + ")";
        }

        @Override
        public String key() {
            return "section";
        }
    }

    /** The namespaces of one type that one user namespace owns. */
    record TypeGroup(NamespaceId owner, NamespaceType type, int count) implements NamespaceTreeNode {
        @Override
        public String label() {
            return type.procName() + " (" + count + ")";
        }

        @Override
        public String key() {
            return owner + "/" + type.procName();
        }
    }

    /** One namespace. */
    record Ns(Namespace namespace, boolean initial) implements NamespaceTreeNode {
        @Override
        public String label() {
            int n = namespace.pids().size();
            String base = namespace.id() + "  " + n + (n == 1 ? " process" : " processes");
            return initial ? base + "  (host)" : base;
        }

        @Override
        public String key() {
            return namespace.id().toString();
        }
    }
}
