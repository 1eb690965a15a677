package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ChainRuleExampleTest {

  @Test
  void gradientsEqualTheHandDerivedFormulas() {
    ChainRuleExample.Result r = ChainRuleExample.run();
    // Independent arithmetic in plain doubles: z = 0.8*1.5 + 0.3*(-0.5) - 0.2 = 0.85.
    double z = 0.8 * 1.5 + 0.3 * -0.5 - 0.2;
    double a = 1 / (1 + Math.exp(-z));
    assertEquals(z, r.z(), 1e-12);
    assertEquals(a, r.a(), 1e-12);
    assertEquals(-Math.log(a), r.loss(), 1e-12);
    assertEquals(a - 1, r.dLdz(), 1e-12);
    assertEquals((a - 1) * 1.5, r.dLdw()[0], 1e-12);
    assertEquals((a - 1) * -0.5, r.dLdw()[1], 1e-12);
    assertEquals(a - 1, r.dLdb(), 1e-12);
  }

  @Test
  void printsForwardValuesGradientsAndTheVerdict() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ChainRuleExample.print(ChainRuleExample.run(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("z = w . x + b                      = 0.850000"), text);
    assertTrue(text.contains("equal the hand-derived ones"), text);
  }

  @Test
  void narratesTheWalkWithDLdbEqualToAMinusY() {
    double z = 0.8 * 1.5 + 0.3 * -0.5 - 0.2;
    double aMinusY = 1 / (1 + Math.exp(-z)) - 1;
    // Six significant digits; for |a - y| in [0.1, 1) that is six decimals.
    String dz = String.format(Locale.ROOT, "%.6f", aMinusY);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ChainRuleExample.printNarration(ChainRuleExample.narrate(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    assertTrue(lines.contains("  dL/db += dL/dz * dz/db = " + dz + " * 1.0 = " + dz + "  (Add)"), text);
    assertTrue(lines.contains("  dL/db = " + dz), text);
    assertTrue(text.contains("  dL/dw (2,) += Mul'[0] applied to "), text);
  }
}
