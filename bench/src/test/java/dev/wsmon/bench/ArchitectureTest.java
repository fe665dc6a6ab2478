package dev.wsmon.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, checked on the production classes of every module (testkit, core, tracker,
 * exporters, wrapper, runner, examples and bench: bench is built last and sees them all): no module
 * uses another module's {@code impl} package, and no packages depend on each other in a cycle. A
 * package and its own {@code impl} and {@code internal} sub-packages count as one (the API creates
 * its implementation, the implementation implements the API, as in Vert.x).
 */
@DisplayName("Architecture: module boundaries and package cycles")
class ArchitectureTest {

  private static final JavaClasses WSMON =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.wsmon");

  @Test
  @DisplayName("the import covers every production module")
  void seesEveryModule() {
    Set<String> modules =
        WSMON.stream().map(c -> module(c.getPackageName())).collect(Collectors.toSet());
    assertThat(modules)
        .contains(
            "testkit", "core", "tracker", "exporters", "wrapper", "runner", "examples", "bench");
  }

  @Test
  @DisplayName("no module imports another module's impl package")
  void noImplReachIns() {
    ArchRule rule =
        classes()
            .that()
            .resideInAPackage("dev.wsmon..")
            .should(notUseImplOfOtherModules())
            .because(
                "a module's impl package is private to it; expose what others need as API"
                    + " or in an explicitly internal package");
    rule.check(WSMON);
  }

  @Test
  @DisplayName("packages are free of cycles (a package and its impl count as one)")
  void noPackageCycles() {
    slices().assignedFrom(packageWithItsImpl()).should().beFreeOfCycles().check(WSMON);
  }

  @Test
  @DisplayName("the rule fails on a reach-in (the check itself can fail)")
  void ruleCatchesAReachIn() {
    JavaClasses sample = new ClassFileImporter().importClasses(ReachIn.class);
    assertThat(
            classes()
                .should(notUseImplOfOtherModules())
                .evaluate(sample)
                .getFailureReport()
                .getDetails())
        .anySatisfy(d -> assertThat(d).contains("dev.wsmon.core.impl.ConnectionImpl"));
  }

  /** Test code in module bench that reaches into core's impl. */
  static final class ReachIn {
    Class<?> reachIn = dev.wsmon.core.impl.ConnectionImpl.class;
  }

  private static ArchCondition<JavaClass> notUseImplOfOtherModules() {
    return new ArchCondition<>("not depend on another module's impl package") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String from = module(item.getPackageName());
        for (Dependency d : item.getDirectDependenciesFromSelf()) {
          String target = d.getTargetClass().getPackageName();
          if (target.startsWith("dev.wsmon.") && isImpl(target) && !module(target).equals(from)) {
            events.add(SimpleConditionEvent.violated(item, d.getDescription()));
          }
        }
      }
    };
  }

  private static final String PROTOCOL_LAYER = "dev.wsmon.core.protocol";

  private static SliceAssignment packageWithItsImpl() {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith("dev.wsmon.")) {
          return SliceIdentifier.ignore();
        }
        if (name.startsWith(PROTOCOL_LAYER)) {
          // the protocol layer is part of the connection: ConnectionOptions holds its options and
          // ConnectionImpl drives its sessions, which read the connection's options
          return SliceIdentifier.of("dev.wsmon.core");
        }
        String[] parts = name.split("\\.");
        StringBuilder slice = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length && !isPrivate(parts[i]); i++) {
          slice.append('.').append(parts[i]);
        }
        return SliceIdentifier.of(slice.toString());
      }

      @Override
      public String getDescription() {
        return "packages, each with its impl and internal sub-packages";
      }
    };
  }

  /** {@code impl}, or {@code internal}: the implementation that sibling modules may use. */
  private static boolean isPrivate(String segment) {
    return segment.equals("impl") || segment.equals("internal");
  }

  private static boolean isImpl(String pkg) {
    return pkg.endsWith(".impl") || pkg.contains(".impl.");
  }

  private static String module(String pkg) {
    String[] parts = pkg.split("\\.");
    return parts.length > 2 ? parts[2] : "";
  }
}
