package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.testing.GradientProperty;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every op must be proven by a gradient property: each concrete {@link Function} in this package (found in
 * the compiled main classes, so a new op is picked up without registering it anywhere) must be named by some
 * {@link GradientProperty} on a method of a test class of this package.
 */
class OpCoverageTest {
  private static final String PACKAGE = OpCoverageTest.class.getPackageName();

  /** Every concrete {@link Function} in the compiled main classes of this package, by name. */
  static Set<Class<?>> opClasses() throws Exception {
    Set<Class<?>> ops = new TreeSet<>(Comparator.comparing(Class::getName));
    forEachClass(Add.class, false, c -> {
      if (Function.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()) && !c.isInterface()) {
        ops.add(c);
      }
    });
    assertFalse(ops.isEmpty(), "no op classes found in " + PACKAGE + ": the scan is broken");
    assertTrue(ops.contains(Add.class) && ops.contains(Mul.class), "the scan missed Add or Mul: " + ops);
    return ops;
  }

  @Test
  void everyOpHasAGradientProperty() throws Exception {
    Set<Class<?>> ops = opClasses();

    Set<Class<?>> covered = new TreeSet<>(Comparator.comparing(Class::getName));
    List<String> properties = new ArrayList<>();
    forEachClass(OpCoverageTest.class, true, c -> {
      for (Method m : c.getDeclaredMethods()) {
        GradientProperty p = m.getAnnotation(GradientProperty.class);
        if (p != null) {
          properties.add(c.getSimpleName() + "." + m.getName());
          for (Class<?> op : p.value()) {
            assertTrue(Function.class.isAssignableFrom(op), c.getSimpleName() + "." + m.getName()
                + " names " + op.getName() + ", which is not a Function");
            covered.add(op);
          }
        }
      }
    });
    assertFalse(properties.isEmpty(), "no @GradientProperty methods found in the tests of " + PACKAGE);

    List<String> missing = ops.stream().filter(op -> !covered.contains(op)).map(Class::getSimpleName).toList();
    if (!missing.isEmpty()) {
      fail(missing.size() + " op class(es) in " + PACKAGE + " have no gradient property: "
          + String.join(", ", missing) + ". Add a jqwik property that gradient-checks each, annotated"
          + " @GradientProperty(" + missing.get(0) + ".class), to a test class in " + PACKAGE
          + " (see ArithmeticProperties). Properties found: " + properties.stream().sorted()
          .collect(Collectors.joining(", ")));
    }
  }

  /**
   * Every op names its local derivative rule for graph dumps. The rule does not depend on the op's arguments,
   * so each op is built with placeholder arguments (0, false, empty arrays, the first enum constant).
   */
  @Test
  void everyOpHasADerivativeRule() throws Exception {
    List<String> missing = new ArrayList<>();
    forEachClass(Add.class, false, c -> {
      if (Function.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()) && !c.isInterface()) {
        Function op = placeholderInstance(c);
        if (op.derivativeRule().isBlank()) {
          missing.add(c.getSimpleName());
        }
      }
    });
    assertTrue(missing.isEmpty(), "op class(es) without a derivativeRule(): " + missing
        + ". Override Function.derivativeRule with the rule of the class javadoc in one line");
  }

  /**
   * Every op writes its backward as a formula for the narrated backward pass, rather than the generic form of
   * {@link Function#gradientFormula}; {@link GradientFormulaTest} checks what each one writes.
   */
  @Test
  void everyOpHasAGradientFormula() throws Exception {
    List<String> missing = new ArrayList<>();
    for (Class<?> c : opClasses()) {
      try {
        c.getDeclaredMethod("gradientFormula", int.class, OperandNames.class);
      } catch (NoSuchMethodException e) {
        missing.add(c.getSimpleName());
      }
    }
    assertTrue(missing.isEmpty(), "op class(es) without a gradientFormula(int, OperandNames): " + missing
        + ". Override Function.gradientFormula with the backward rule of the class javadoc, and add the op to"
        + " GradientFormulaTest");
  }

  private static Function placeholderInstance(Class<?> c) {
    Constructor<?> ctor = Arrays.stream(c.getConstructors())
        .min(Comparator.comparingInt(Constructor::getParameterCount))
        .orElseThrow(() -> new AssertionError(c.getSimpleName() + " has no public constructor"));
    Object[] args = Arrays.stream(ctor.getParameterTypes()).map(OpCoverageTest::placeholder).toArray();
    try {
      return (Function) ctor.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot build " + c.getSimpleName() + " from " + Arrays.toString(args), e);
    }
  }

  private static Object placeholder(Class<?> type) {
    if (type == int.class) {
      return 0;
    } else if (type == double.class) {
      return 0.0;
    } else if (type == boolean.class) {
      return false;
    } else if (type == int[].class) {
      return new int[0];
    } else if (type == Shape.class) {
      return Shape.scalar();
    } else if (type == Split.class) {
      return new Split(0, new int[0]);
    } else if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    throw new AssertionError("no placeholder for a constructor parameter of type " + type.getName());
  }

  /**
   * Loads (without initialising) every class of this package in the classes directory or jar that holds
   * {@code anchor}; inner classes only when {@code withInner}.
   */
  private static void forEachClass(Class<?> anchor, boolean withInner, Consumer<Class<?>> action)
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location)) {
      Path root = jar == null ? location : jar.getPath("/");
      Path dir = root.resolve(PACKAGE.replace('.', '/'));
      assertTrue(Files.isDirectory(dir), "no package directory " + dir);
      List<String> names;
      try (Stream<Path> files = Files.list(dir)) {
        names = files.map(f -> f.getFileName().toString())
            .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
            .filter(n -> withInner || !n.contains("$"))
            .map(n -> PACKAGE + "." + n.substring(0, n.length() - ".class".length()))
            .sorted().toList();
      }
      for (String name : names) {
        action.accept(Class.forName(name, false, anchor.getClassLoader()));
      }
    }
  }
}
