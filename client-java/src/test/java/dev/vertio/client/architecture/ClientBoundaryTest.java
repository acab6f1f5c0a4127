package dev.vertio.client.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Java client uses what core publishes for it (API types, the codecs, the shared registries of
 * {@code dev.vertio.socketio.shared}), never the server's implementation: importing a server {@code
 * impl} class, the adapter or a transport from the client fails the build.
 */
class ClientBoundaryTest {
  private static final JavaClasses CLIENT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.vertio.client");

  @Test
  void theClientImportsNoServerInternals() {
    noClasses()
        .that()
        .resideInAPackage("dev.vertio.client..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.vertio.engineio.impl..",
            "dev.vertio.socketio.impl..",
            "dev.vertio.socketio.adapter..",
            "dev.vertio.socketio.recovery..",
            "dev.vertio.transport..")
        .because("the client shares codecs and registries with the server, not its internals")
        .check(CLIENT);
  }
}
