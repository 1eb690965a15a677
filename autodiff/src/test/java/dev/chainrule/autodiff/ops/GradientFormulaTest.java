package dev.chainrule.autodiff.ops;

import static dev.chainrule.autodiff.Function.NO_GRADIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each op's {@link Function#gradientFormula}, per input, with plain operand names: upstream {@code G}, inputs
 * {@code A, B, C}, output {@code Y}. The expected formulas are the backward rules of the ops' javadoc, so a
 * formula that names the wrong operand (the first factor of a product instead of the second, a missing
 * transpose) fails here. {@link OpCoverageTest} makes sure no op class is left out.
 */
class GradientFormulaTest {
  private static final OperandNames NAMES = OperandNames.of("G", List.of("A", "B", "C"), "Y");

  private record Case(Supplier<Function> op, List<String> formulas) {}

  private static Case of(Supplier<Function> op, String... formulas) {
    return new Case(op, List.of(formulas));
  }

  private static final List<Case> CASES = List.of(
      of(Abs::new, "G * sign(A)"),
      of(Add::new, "G", "G"),
      of(() -> new Cast(DType.FLOAT32), "cast(G to the type of A)"),
      of(Cos::new, "-G * sin(A)"),
      of(() -> new Concat(1), "narrow(G, axis=1, the part of A)", "narrow(G, axis=1, the part of B)",
          "narrow(G, axis=1, the part of C)"),
      of(() -> new Cumsum(1, false), "reverse cumsum(G, axis=1)"),
      of(() -> new Cumsum(-1, true), "cumsum(G, axis=-1)"),
      of(Div::new, "G / B", "-G * A / B^2"),
      of(Erf::new, "G * 2/sqrt(pi) * exp(-A^2)"),
      of(Exp::new, "G * Y"),
      of(() -> new Expand(Shape.of(2, 3)), "G"),
      of(() -> new Flip(0, -1), "flip(G, axes [0, -1])"),
      of(Gelu::new, "G * ((1 + erf(A / sqrt 2)) / 2 + A * exp(-A^2 / 2) / sqrt(2 pi))"),
      of(() -> new Gather(1), "scatterAdd(G, axis=1, B)", NO_GRADIENT),
      of(() -> new IndexAdd(0, new int[] {2, 0}, 3), "indexSelect(G, axis=0, indices)"),
      of(() -> new IndexSelect(0, new int[] {2, 0}), "indexAdd(G, axis=0, indices)"),
      of(() -> new LeakyRelu(0.01), "G * [A > 0 ? 1 : 0.01]"),
      of(Log::new, "G / A"),
      of(() -> new LogSoftmax(-1), "G - exp(Y) * sum(G, axis=-1)"),
      // C = A B: dA = G B^T, dB = A^T G; a transposed operand flips its own rule (C = A^T B: dA = (G B^T)^T).
      of(() -> new MatMul(false, false), "G @ B^T", "A^T @ G"),
      of(() -> new MatMul(false, true), "G @ B", "G^T @ A"),
      of(() -> new MatMul(true, false), "B @ G^T", "A @ G"),
      of(() -> new MatMul(true, true), "B^T @ G^T", "G^T @ A^T"),
      of(() -> new Max(new int[] {1}, false), "G * [A == Y] / count"),
      of(() -> new Min(new int[] {1}, false), "G * [A == Y] / count"),
      of(Mul::new, "G * B", "G * A"),
      of(() -> new Narrow(1, 2, 3), "pad(G, axis=1, start=2) with zeros to the shape of A"),
      of(Neg::new, "-G"),
      // perm (2, 0, 1) moves axis 2 to the front; its inverse (1, 2, 0) moves it back.
      of(() -> new Permute(2, 0, 1), "permute(G, [1, 2, 0])"),
      of(() -> new Permute(-1, 0), "permute(G, [1, 0])"),
      of(Pow::new, "G * B * A^(B - 1)", "G * Y * ln(A)"),
      of(() -> new PowScalar(3), "G * 3 * A^2"),
      of(Relu::new, "G * [A > 0]"),
      of(ReluBackward::new, "G * [B > 0]", NO_GRADIENT),
      of(() -> new Reshape(6), "reshape(G to the shape of A)"),
      of(() -> new ScatterAdd(0, Shape.of(3, 2)), "gather(G, axis=0, B)", NO_GRADIENT),
      of(Sigmoid::new, "G * Y * (1 - Y)"),
      of(Silu::new, "G * sigmoid(A) * (1 + A * sigmoid(-A))"),
      of(Sin::new, "G * cos(A)"),
      of(() -> new Slice(1, -3, 100, 2), "indexAdd(G, axis=1, positions -3:100:2) into zeros of the shape of A"),
      of(Softplus::new, "G * [A > 20 ? 1 : sigmoid(A)]"),
      of(() -> new Split(1, new int[] {2, 3}),
          "concat(axis=1, the gradients of the 2 pieces, zeros for a piece that got none)"),
      of(() -> new SplitPiece(new Split(1, new int[] {2, 3}), 1, 1, 2, 3), "0",
          "none here: G joins the split's concat, axis=1 at 2"),
      of(Sqrt::new, "G / (2 * Y)"),
      of(Sub::new, "G", "-G"),
      of(() -> new Sum(new int[] {0, 1}, false), "expand(G over axes [0, 1])"),
      of(Tanh::new, "G * (1 - Y^2)"),
      of(() -> new Triangle(1, true), "triu(G, 1)"),
      of(() -> new Triangle(-2, false), "tril(G, -2)"),
      of(Where::new, NO_GRADIENT, "where(A, G, 0)", "where(A, 0, G)"));

  @Test
  void everyOpWritesItsBackwardRuleOverTheRightOperands() {
    List<String> wrong = new ArrayList<>();
    for (Case c : CASES) {
      Function op = c.op().get();
      for (int i = 0; i < c.formulas().size(); i++) {
        String formula = op.gradientFormula(i, NAMES);
        if (!formula.equals(c.formulas().get(i))) {
          wrong.add(op.name() + " input " + i + ": expected " + c.formulas().get(i) + " but was " + formula);
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void theCasesCoverEveryOpClass() throws Exception {
    assertEquals(OpCoverageTest.opClasses().stream().map(Class::getSimpleName).sorted().distinct().toList(),
        CASES.stream().map(c -> c.op().get().getClass().getSimpleName()).sorted().distinct().toList());
  }

  @Test
  void anOpThatDoesNotOverrideGetsTheGenericForm() {
    Function custom = new Function() {
      @Override
      protected Tensor forward(Tensor... inputs) {
        return inputs[0].mul(2);
      }

      @Override
      protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.mul(2)};
      }

      @Override
      public String name() {
        return "Double";
      }
    };
    assertEquals("Double.backward(G)[0]", custom.gradientFormula(0, NAMES));
  }
}
