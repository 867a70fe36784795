package io.corral.views.namespaces;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.input.InvalidInputException;
import io.corral.model.launch.LaunchSpec;
import io.corral.model.launch.UnshareCommand;
import io.corral.model.launch.UserMapping;
import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.NamespaceType;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The content of the "Launch..." dialog: command, arguments (one per line, passed as they
 * are), working directory, environment, new namespaces with what each gives, user-id
 * mapping, target group, and the equivalent {@code unshare} line, updated as the user types.
 * {@link #request()} is empty while the form is not valid, and {@link #problem()} says why.
 */
public final class LaunchForm extends VBox {
    private final TextField command = new TextField();
    private final TextArea arguments = new TextArea();
    private final TextField workingDir = new TextField();
    private final TextArea environment = new TextArea();
    private final Map<NamespaceType, CheckBox> namespaces = new EnumMap<>(NamespaceType.class);
    private final ToggleGroup mapping = new ToggleGroup();
    private final RadioButton unmapped = new RadioButton("no map (ids show as 65534 inside)");
    private final RadioButton mapRoot = new RadioButton("map me to root (--map-root-user)");
    private final RadioButton explicit = new RadioButton("these maps:");
    private final TextArea uidMap = new TextArea();
    private final TextArea gidMap = new TextArea();
    private final ComboBox<String> group = new ComboBox<>();
    private final Label unshareLine = new Label();
    private final Label problemLabel = new Label();
    private final ReadOnlyObjectWrapper<Optional<LaunchRequest>> request = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyObjectWrapper<String> problem = new ReadOnlyObjectWrapper<>("");

    /**
     * @param groups       GROUP choices offered (e.g. {@code cpu,freezer:/web}); the user may type another
     * @param initialGroup preselected group (from a group's context menu), or null
     */
    public LaunchForm(List<String> groups, String initialGroup) {
        setId("launch-form");
        setSpacing(8);
        setPadding(new Insets(10));
        command.setId("launch-command");
        command.setPromptText("program, e.g. /usr/bin/redis-server");
        arguments.setId("launch-arguments");
        arguments.setPromptText("one argument per line");
        arguments.setPrefRowCount(3);
        workingDir.setId("launch-wd");
        workingDir.setPromptText("working directory (default: Corral's)");
        environment.setId("launch-env");
        environment.setPromptText("NAME=VALUE, one per line");
        environment.setPrefRowCount(2);
        group.setId("launch-group");
        group.setEditable(true);
        group.getItems().setAll(groups);
        if (initialGroup != null) {
            group.setValue(initialGroup);
        }
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Command"), command);
        grid.addRow(1, new Label("Arguments"), arguments);
        grid.addRow(2, new Label("Working directory"), workingDir);
        grid.addRow(3, new Label("Environment"), environment);
        grid.addRow(4, new Label("Target group"), group);
        // The names keep their width ("Working directory" was cut to "Working dir...").
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        grid.getColumnConstraints().setAll(names, fields);

        VBox nsBox = new VBox(3);
        for (NamespaceType t : NamespaceType.values()) {
            CheckBox cb = new CheckBox(t.procName() + " - " + t.explanation());
            cb.setId("launch-ns-" + t.procName());
            cb.setMnemonicParsing(false); // "uid_map" must keep its underscore
            cb.setTooltip(new Tooltip("unshare " + t.unshareOption()));
            namespaces.put(t, cb);
            nsBox.getChildren().add(cb);
            cb.selectedProperty().addListener((o, a, b) -> update());
        }
        unmapped.setToggleGroup(mapping);
        mapRoot.setToggleGroup(mapping);
        explicit.setToggleGroup(mapping);
        unmapped.setId("launch-unmapped");
        mapRoot.setId("launch-map-root");
        explicit.setId("launch-explicit-map");
        unmapped.setSelected(true);
        uidMap.setId("launch-uid-map");
        gidMap.setId("launch-gid-map");
        uidMap.setPromptText("uid_map: inside-id host-id count, one range per line");
        gidMap.setPromptText("gid_map: inside-id host-id count");
        uidMap.setPrefRowCount(2);
        gidMap.setPrefRowCount(2);
        uidMap.setPrefColumnCount(18);
        gidMap.setPrefColumnCount(18);
        mapRoot.setMnemonicParsing(false);
        uidMap.disableProperty().bind(explicit.selectedProperty().not());
        gidMap.disableProperty().bind(explicit.selectedProperty().not());
        VBox userBox = new VBox(3, unmapped, mapRoot, explicit, new HBox(6, uidMap, gidMap));
        userBox.disableProperty().bind(namespaces.get(NamespaceType.USER).selectedProperty().not());

        unshareLine.setId("launch-unshare-line");
        unshareLine.setWrapText(true);
        unshareLine.setStyle("-fx-font-family: monospace");
        problemLabel.setId("launch-problem");
        problemLabel.setWrapText(true);
        problemLabel.getStyleClass().add(io.corral.styles.Styles.REFUSED_TEXT);
        problemLabel.textProperty().bind(problem);
        getChildren().addAll(grid, new Label("New namespaces"), nsBox, new Label("User ids in a new user namespace"),
                userBox, new Label("Equivalent command"), unshareLine, problemLabel);

        command.textProperty().addListener((o, a, b) -> update());
        arguments.textProperty().addListener((o, a, b) -> update());
        workingDir.textProperty().addListener((o, a, b) -> update());
        environment.textProperty().addListener((o, a, b) -> update());
        uidMap.textProperty().addListener((o, a, b) -> update());
        gidMap.textProperty().addListener((o, a, b) -> update());
        mapping.selectedToggleProperty().addListener((o, a, b) -> update());
        group.valueProperty().addListener((o, a, b) -> update());
        group.getEditor().textProperty().addListener((o, a, b) -> update());
        update();
    }

    public ReadOnlyObjectProperty<Optional<LaunchRequest>> requestProperty() {
        return request.getReadOnlyProperty();
    }

    public Optional<LaunchRequest> request() {
        return request.get();
    }

    public ReadOnlyObjectProperty<String> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public String problem() {
        return problem.get();
    }

    public String unshareLine() {
        return unshareLine.getText();
    }

    private void update() {
        try {
            LaunchRequest r = build();
            request.set(Optional.of(r));
            unshareLine.setText(UnshareCommand.displayLine(r.spec()));
            problem.set("");
        } catch (InvalidInputException e) {
            request.set(Optional.empty());
            problem.set(e.getMessage());
            unshareLine.setText(partialLine());
        }
    }

    private String partialLine() {
        try {
            String cmd = command.getText().trim();
            return UnshareCommand.displayLine(new LaunchSpec(List.of(cmd.isEmpty() ? "COMMAND" : cmd), Optional.empty(),
                    Map.of(), selectedTypes(), UserMapping.UNMAPPED, List.of()));
        } catch (RuntimeException e) {
            return "";
        }
    }

    private Set<NamespaceType> selectedTypes() {
        Set<NamespaceType> types = EnumSet.noneOf(NamespaceType.class);
        namespaces.forEach((t, cb) -> {
            if (cb.isSelected()) {
                types.add(t);
            }
        });
        return types;
    }

    private LaunchRequest build() throws InvalidInputException {
        String cmd = command.getText().trim();
        if (cmd.isEmpty()) {
            throw new InvalidInputException("", "enter a command");
        }
        List<String> argv = new ArrayList<>();
        argv.add(cmd);
        if (!arguments.getText().isEmpty()) {
            argv.addAll(arguments.getText().lines().toList());
        }
        Optional<Path> wd = Optional.empty();
        String w = workingDir.getText().trim();
        if (!w.isEmpty()) {
            if (!w.startsWith("/")) {
                throw new InvalidInputException(w, "the working directory must be an absolute path");
            }
            wd = Optional.of(Path.of(w));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : environment.getText().lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(line, "environment line \"" + line + "\" is not NAME=VALUE");
            }
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        Set<NamespaceType> types = selectedTypes();
        UserMapping userMapping = UserMapping.UNMAPPED;
        if (types.contains(NamespaceType.USER)) {
            if (mapRoot.isSelected()) {
                userMapping = UserMapping.MAP_ROOT;
            } else if (explicit.isSelected()) {
                userMapping = new UserMapping.Explicit(IdMap.parse(uidMap.getText()), IdMap.parse(gidMap.getText()));
            }
        }
        String g = group.isEditable() && group.getEditor().getText() != null && !group.getEditor().getText().isBlank()
                ? group.getEditor().getText().trim() : group.getValue();
        if (g == null || g.isBlank()) {
            throw new InvalidInputException("", "choose a target group");
        }
        return new LaunchRequest(GroupSpec.parse(g), new LaunchSpec(argv, wd, env, types, userMapping, List.of()));
    }
}
