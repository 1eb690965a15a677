package dev.chainrule.autodiff.ops.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.testing.GradientProperty;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@code OpCoverageTest} and {@code OpCatalogueTest} demand of the ops in {@code dev.chainrule.autodiff.ops}
 * (they scan that package only), demanded of this one: every concrete {@link Function} here is named by a
 * {@link GradientProperty} of a test class here, writes its derivative rule and gradient formula, and has its
 * row in the op catalogue of docs/autodiff.md.
 */
class ConvOpCoverageTest {
  private static final OperandNames NAMES = OperandNames.of("G", List.of("X", "W", "b"), "Y");

  private static List<Class<?>> classes(Class<?> anchor, boolean withInner)
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path dir = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(anchor.getPackageName().replace('.', '/'));
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String n = f.getFileName().toString();
        if (n.endsWith(".class") && !n.equals("package-info.class") && (withInner || !n.contains("$"))) {
          found.add(Class.forName(anchor.getPackageName() + "." + n.substring(0, n.length() - 6), false,
              anchor.getClassLoader()));
        }
      }
    }
    return found;
  }

  private static List<Class<?>> ops() throws Exception {
    List<Class<?>> ops = classes(Conv2d.class, false).stream()
        .filter(c -> Function.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())).toList();
    assertEquals(Set.of("Conv2d", "ConvTranspose2d", "ConvWeightGrad", "Fold", "Unfold"),
        Set.copyOf(ops.stream().map(Class::getSimpleName).toList()), "the scan of the conv ops changed");
    return ops;
  }

  @Test
  void everyConvOpHasAGradientProperty() throws Exception {
    Set<String> covered = new TreeSet<>();
    for (Class<?> c : classes(ConvOpCoverageTest.class, true)) {
      for (Method m : c.getDeclaredMethods()) {
        GradientProperty p = m.getAnnotation(GradientProperty.class);
        if (p != null) {
          for (Class<?> op : p.value()) {
            covered.add(op.getName());
          }
        }
      }
    }
    List<String> missing = ops().stream().map(Class::getName).filter(n -> !covered.contains(n)).toList();
    assertTrue(missing.isEmpty(), "conv ops without a @GradientProperty: " + missing);
  }

  @Test
  void everyConvOpWritesItsRuleAndItsFormulas() throws Exception {
    for (Class<?> c : ops()) {
      assertFalse(c.getDeclaredMethod("derivativeRule").getName().isEmpty());
      c.getDeclaredMethod("gradientFormula", int.class, OperandNames.class);
    }
    ConvWindow w = ConvWindow.of(3, 3, 1, 1, 1, 1, 1, 1);
    assertEquals("convTranspose(G, W)", new Conv2d(w, 1).gradientFormula(0, NAMES));
    assertEquals("conv(X, G)", new Conv2d(w, 1).gradientFormula(1, NAMES));
    assertEquals("sum(G, axes=(0, 2, 3))", new Conv2d(w, 1).gradientFormula(2, NAMES));
    assertEquals("conv(G, W)", new ConvTranspose2d(w, 1, 4, 4).gradientFormula(0, NAMES));
    assertEquals("conv(G, X)", new ConvTranspose2d(w, 1, 4, 4).gradientFormula(1, NAMES));
    assertEquals("sum(G, axes=(0, 2, 3))", new ConvTranspose2d(w, 1, 4, 4).gradientFormula(2, NAMES));
    assertEquals("convTranspose(W, G)", new ConvWeightGrad(w, 1).gradientFormula(0, NAMES));
    assertEquals("conv(X, G)", new ConvWeightGrad(w, 1).gradientFormula(1, NAMES));
    assertEquals("fold(G)", new Unfold(w).gradientFormula(0, NAMES));
    assertEquals("unfold(G)", new Fold(w, 4, 4).gradientFormula(0, NAMES));
    assertTrue(new Conv2d(w, 1).derivativeRule().contains("dL/dW = conv(X, g)"));
    assertTrue(new Conv2d(w, 1).derivativeRule().contains("dL/dX = convTranspose(g, W)"));
  }

  @Test
  void everyConvOpIsInTheCatalogue() throws Exception {
    String catalogue = Files.readString(Path.of("../docs/autodiff.md"));
    List<String> missing = ops().stream().map(Class::getSimpleName)
        .filter(n -> !catalogue.contains("| `" + n + "` |")).toList();
    assertTrue(missing.isEmpty(), "conv ops missing from the catalogue in docs/autodiff.md: " + missing);
  }
}
