package io.corral.model.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The model is plain Java: it must run in the CLI, the helper and tests without JavaFX. */
class ModelHasNoJavaFxTest {
    private final JavaClasses model = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.corral.model");

    @Test
    void modelDoesNotDependOnJavaFx() {
        noClasses().that().resideInAPackage("io.corral.model..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "io.corral.views..",
                        "io.corral.app..")
                .check(model);
    }
}
