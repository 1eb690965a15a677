package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainRuleLessonTest {
  private static final ChainRuleLesson.Result RESULT = ChainRuleLesson.compute(ScalarExpression.build());

  @Test
  void theExpressionHasTheValuesThePagePrints() {
    // e = 2 * -3 = -6, d = -6 + 10 = 4, f = 4 * 2 = 8, n = 0.8.
    assertEquals(Math.tanh(0.8), RESULT.loss(), 1e-15);
  }

  @Test
  void everyGradientEqualsItsHandDerivation() {
    assertEquals(List.of("n", "f", "d", "e", "c", "b", "a"),
        RESULT.checks().stream().map(ChainRuleLesson.HandCheck::name).toList());
    for (ChainRuleLesson.HandCheck check : RESULT.checks()) {
      assertEquals(check.hand(), check.framework(), 1e-12, check.name());
    }
    // Independently of the lesson's formulas: f = a^2 b + a c, so df/da = 2ab + c = -2, df/db = 4, df/dc = 2.
    double s = 0.1 * (1 - Math.tanh(0.8) * Math.tanh(0.8));
    assertEquals(-2 * s, RESULT.gradA(), 1e-12);
  }

  @Test
  void aUsedTwiceReceivesTwoContributionsThatAddUp() {
    List<Double> toA = RESULT.contributionsToA();
    assertEquals(2, toA.size());
    double s = 0.1 * (1 - Math.tanh(0.8) * Math.tanh(0.8));
    assertEquals(s * 4, toA.get(0), 1e-12); // through f = d * a: dL/df * d
    assertEquals(s * 2 * -3, toA.get(1), 1e-12); // through e = a * b: dL/de * b, with dL/de = s a
    assertEquals(RESULT.gradA(), toA.get(0) + toA.get(1), 1e-12);
    assertEquals(2, RESULT.narration().stream().filter(line -> line.startsWith("dL/da += ")).count());
  }

  @Test
  void theNarrationIsTheChainRuleInWalkOrder() {
    assertEquals("dL/dL = 1.0", RESULT.narration().get(0));
    assertTrue(RESULT.narration().get(1).startsWith("dL/dn += dL/dL * dL/dn = 1.0 * "), RESULT.narration().get(1));
    double s = 0.1 * (1 - Math.tanh(0.8) * Math.tanh(0.8));
    String de = six(s * 2);
    assertTrue(RESULT.narration().contains("dL/db += dL/de * de/db = " + de + " * 2.0 = "
        + six(s * 4) + "  (Mul)"), RESULT.narration().toString());
  }

  @Test
  void theLinearLayerStepIsTheTransposedInputTimesTheUpstreamGradient() {
    LinearLayerStep.Result linear = RESULT.linear();
    assertArrayEquals(linear.weightHand(), linear.weightGrad(), 1e-12);
    assertArrayEquals(linear.biasHand(), linear.biasGrad(), 1e-12);
    assertTrue(linear.stepTo("W").startsWith("dL/dW (3, 2) += X^T (3, 2) @ dL/dXW (2, 2)  (MatMul)"),
        linear.stepTo("W"));
    assertTrue(linear.stepTo("b").startsWith("dL/db (2,) += dL/dY (2, 2), summed over the broadcast axes  (Add)"),
        linear.stepTo("b"));
    assertEquals(2, linear.narration().stream().filter(line -> line.startsWith("dL/dY (2, 2) += ")).count());
  }

  @Test
  void theExplodedProductGivesTheSameWeightGradientScalarByScalar() {
    LinearLayerStep.Result linear = RESULT.linear();
    assertArrayEquals(linear.weightHand(), linear.explodedWeightGrad(), 1e-12);
    String text = linear.exploded().toText();
    assertEquals(12, text.lines().filter(line -> line.strip().startsWith("Mul (op")).count(), text);
    assertEquals(8, text.lines().filter(line -> line.strip().startsWith("Add (op")).count(), text);
    assertTrue(text.contains("W[2,1]") && text.contains("XW[1,0]"), text);
  }

  /** Six significant digits as the narration writes them. */
  private static String six(double v) {
    String plain = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }
}
