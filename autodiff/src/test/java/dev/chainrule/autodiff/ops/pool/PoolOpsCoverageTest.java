package dev.chainrule.autodiff.ops.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.testing.GradientProperty;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@code OpCoverageTest}, {@code OpCatalogueTest} and {@code GradientFormulaTest} ask of the ops in
 * {@code dev.chainrule.autodiff.ops}, asked of this package's: every op class has a gradient property, a
 * derivative rule, a gradient formula naming the upstream gradient, and a row in the op catalogue of
 * docs/autodiff.md. Op classes are found from the sources, so a new one is picked up without registering it.
 */
class PoolOpsCoverageTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/chainrule/autodiff/ops/pool");
  private static final List<Class<?>> PROPERTY_CLASSES = List.of(PoolProperties.class, PadProperties.class);
  private static final OperandNames NAMES = OperandNames.of("G", List.of("X"), "Y");

  private static List<Class<?>> opClasses() throws Exception {
    List<Class<?>> ops = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String name = f.getFileName().toString().replace(".java", "");
        Class<?> c = Class.forName(PoolOpsCoverageTest.class.getPackageName() + "." + name, false,
            PoolOpsCoverageTest.class.getClassLoader());
        if (Function.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
          ops.add(c);
        }
      }
    }
    assertTrue(ops.size() >= 6, "found only " + ops + " in " + SOURCES);
    return ops;
  }

  @Test
  void everyOpHasAGradientProperty() throws Exception {
    Set<String> covered = new TreeSet<>();
    for (Class<?> c : PROPERTY_CLASSES) {
      for (Method m : c.getDeclaredMethods()) {
        GradientProperty p = m.getAnnotation(GradientProperty.class);
        if (p != null) {
          for (Class<?> op : p.value()) {
            covered.add(op.getSimpleName());
          }
        }
      }
    }
    List<String> missing = opClasses().stream().map(Class::getSimpleName).filter(n -> !covered.contains(n))
        .toList();
    assertEquals(List.of(), missing, "op classes without a @GradientProperty in " + PROPERTY_CLASSES);
  }

  @Test
  void everyOpHasADerivativeRuleAndAGradientFormulaOfTheUpstream() throws Exception {
    for (Class<?> c : opClasses()) {
      c.getDeclaredMethod("gradientFormula", int.class, OperandNames.class); // overridden, not inherited
      Function op = placeholder(c);
      assertTrue(!op.derivativeRule().isBlank(), c.getSimpleName() + " has no derivativeRule");
      String formula = op.gradientFormula(0, NAMES);
      assertTrue(formula.contains("G"), c.getSimpleName() + "'s gradient formula does not use G: " + formula);
    }
  }

  /** The narrated backward's formulas: each names the backward op of its class javadoc. */
  @Test
  void gradientFormulasNameTheBackwardOps() throws Exception {
    java.util.Map<String, String> expected = java.util.Map.of(
        "WindowMax", "scatterAt(G, argmax of each window of X)",
        "WindowMean", "spread(G / divisor) over the windows of X",
        "WindowSpread", "windowMean(G)",
        "TakeAt", "scatterAt(G, map)",
        "ScatterAt", "takeAt(G, map)",
        "ConstantPad", "narrow(G) to the extent of X (padding dropped)");
    for (Class<?> c : opClasses()) {
      assertEquals(expected.get(c.getSimpleName()), placeholder(c).gradientFormula(0, NAMES), c.getSimpleName());
    }
  }

  @Test
  void everyOpIsInTheCatalogue() throws Exception {
    String catalogue = Files.readString(Path.of("../docs/autodiff.md"));
    List<String> missing = opClasses().stream().map(Class::getSimpleName)
        .filter(n -> !catalogue.contains("| `" + n + "` |")).toList();
    assertEquals(List.of(), missing, "op classes missing from the catalogue in docs/autodiff.md");
  }

  /** The op built with placeholder arguments: the rule and formula do not depend on them. */
  private static Function placeholder(Class<?> c) throws ReflectiveOperationException {
    Constructor<?> ctor = c.getDeclaredConstructors()[0];
    Class<?>[] types = ctor.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = types[i] == int[].class ? new int[2] : types[i] == Shape.class ? Shape.scalar()
          : types[i] == double.class ? 0.0 : null; // Windows: not read by the rule or the formula
    }
    ctor.setAccessible(true);
    return (Function) ctor.newInstance(args);
  }
}
