package dev.vertio.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering of ARCHITECTURE.md, checked on core's compiled classes: a change that crosses a
 * boundary fails the build.
 */
class LayersTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.vertio");

  @Test
  void theEngineKnowsNothingOfSocketIo() {
    noClasses()
        .that()
        .resideInAPackage("dev.vertio.engineio..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.vertio.socketio..")
        .check(CORE);
  }

  @Test
  void parsersArePureAndImportNoServerPart() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.vertio.engineio.parser..", "dev.vertio.socketio.parser..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..impl..",
            "..spi..",
            "dev.vertio.socketio.adapter..",
            "dev.vertio.socketio.recovery..",
            "dev.vertio.socketio.shared..",
            "io.vertx.core.internal..")
        .check(CORE);
  }

  @Test
  void whatServerAndClientShareDependsOnNoImplementation() {
    noClasses()
        .that()
        .resideInAPackage("dev.vertio.socketio.shared..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..impl..", "dev.vertio.socketio.adapter..", "dev.vertio.socketio.recovery..")
        .check(CORE);
  }

  @Test
  void adaptersAndRecoveryUseTheSocketIoApiNotItsImplementation() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.vertio.socketio.adapter..", "dev.vertio.socketio.recovery..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.vertio.socketio.impl..", "dev.vertio.engineio.impl..")
        .check(CORE);
  }
}
