package io.watchfloor.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of docs/decisions/0001: the core (everything under modules/) never touches
 * the scene graph, and views never reach the network, the database or SSH themselves.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.watchfloor");
    }

    @Test
    void coreModulesDoNotUseJavaFxScene() {
        ArchRule rule = noClasses().that().resideInAnyPackage(
                        "io.watchfloor.model..", "io.watchfloor.config..", "io.watchfloor.cache..",
                        "io.watchfloor.sources..", "io.watchfloor.engine..", "io.watchfloor.incidents..",
                        "io.watchfloor.usage..", "io.watchfloor.ssh..", "io.watchfloor.access..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "eu.hansolo..", "org.controlsfx..",
                        "com.techsenger..");
        rule.check(classes);
    }

    @Test
    void viewsDoNotDoIoThemselves() {
        ArchRule rule = noClasses().that().resideInAPackage("io.watchfloor.app.ui..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "okhttp3..", "java.net.http..", "java.sql..", "org.h2..", "org.flywaydb..",
                        "com.jcraft..", "io.watchfloor.cache..", "io.watchfloor.sources..",
                        "io.watchfloor.usage.ledger..", "io.watchfloor.usage.report..",
                        "io.watchfloor.access.audit..", "io.watchfloor.access.jit..")
                .because("views bind to view models; I/O belongs to sources, cache and engine");
        rule.check(classes);
    }

    @Test
    void theImportSawTheModules() {
        // guard against a vacuous pass: the rules above must have had classes to check
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.watchfloor.engine")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.watchfloor.app.ui.wall")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.watchfloor.cache")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.watchfloor.incidents.notify")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.watchfloor.usage.ledger")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.watchfloor.app.ui.usage")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.watchfloor.access.jit")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.watchfloor.ssh")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.watchfloor.app.ui.access")).isTrue();
    }
}
