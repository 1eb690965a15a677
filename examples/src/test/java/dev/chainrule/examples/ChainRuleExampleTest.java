package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  /** Six significant digits as the narration writes them: trailing zeros dropped, at least one decimal. */
  static String six(double v) {
    String plain = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }

  /**
   * The whole narration, golden. The label is y = 1, so the (1 - y) ln(1 - a) branch carries zero gradient and
   * its local derivatives cannot be recovered (shown as {@code ?}); along the other branch dL/da = -1/a, then
   * the sigmoid's a (1 - a) gives a - 1, and the two-element steps are formulas with shapes.
   */
  @Test
  void narratesTheWholeWalk() {
    double z = 0.8 * 1.5 + 0.3 * -0.5 - 0.2;
    double a = 1 / (1 + Math.exp(-z));
    String dz = six(a - 1);
    String dw = six(Math.abs(a - 1) * Math.sqrt(2));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ChainRuleExample.printNarration(ChainRuleExample.narrate(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(List.of(
        "",
        "The backward walk narrated, one line per gradient contribution (dL/dx += dL/dy * dy/dx):",
        "  dL/dL = 1.0",
        "  dL/dt2 += dL/dL * dL/dt2 = 1.0 * -1.0 = -1.0  (Neg)",
        "  dL/dt3 += dL/dt2 * dt2/dt3 = -1.0 * 1.0 = -1.0  (Add)",
        "  dL/dt4 += dL/dt2 * dt2/dt4 = -1.0 * 1.0 = -1.0  (Add)",
        "  dL/dt5 += dL/dt4 * dt4/dt5 = -1.0 * 0.0 = 0.0  (Mul)",
        "  dL/dt6 += dL/dt5 * dt5/dt6 = 0.0 * ? = 0.0  (Log)",
        "  dL/dt7 += dL/dt6 * dt6/dt7 = 0.0 * ? = 0.0  (Add)",
        "  dL/da += dL/dt7 * dt7/da = 0.0 * ? = 0.0  (Neg)",
        "  dL/dt9 += dL/dt3 * dt3/dt9 = -1.0 * 1.0 = -1.0  (Mul)",
        "  dL/da += dL/dt9 * dt9/da = -1.0 * " + six(1 / a) + " = " + six(-1 / a) + "  (Log)",
        "  dL/dz += dL/da * da/dz = " + six(-1 / a) + " * " + six(a * (1 - a)) + " = " + dz + "  (Sigmoid)",
        "  dL/dt11 += dL/dz * dz/dt11 = " + dz + " * 1.0 = " + dz + "  (Add)",
        "  dL/db += dL/dz * dz/db = " + dz + " * 1.0 = " + dz + "  (Add)",
        "  dL/dt13 (2,) += expand(dL/dt11 () over axes [0])  (Sum)  |dL/dt11| = " + six(1 - a) + "  |+=| = " + dw,
        "  dL/dw (2,) += dL/dt13 (2,) * x (2,)  (Mul)  |dL/dt13| = " + dw + "  |+=| = "
            + six((1 - a) * Math.sqrt(1.5 * 1.5 + 0.5 * 0.5)),
        "  dL/db = " + dz,
        "  dL/dw (2,) = [" + six((a - 1) * 1.5) + ", " + six((a - 1) * -0.5) + "]",
        "",
        "Draw this graph with its gradients: ./chainrule graph --model logistic --backward"
            + " [--format dot|mermaid|json] [--out logistic.svg]"), lines);
  }
}
