package dev.chainrule.autodiff.ops.conv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.BackwardTrace;
import dev.chainrule.autodiff.dump.GraphDump;
import dev.chainrule.autodiff.testing.Generators;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The narrated backward pass and the graph dumps show a convolution's gradient formulas. */
class ConvNarrationTest {

  @Test
  void theNarrationAndTheDumpShowTheConvGradientFormulas() {
    Tensor x = Generators.uniform(Shape.of(1, 1, 4, 4), 1, -1, 1).to(DType.FLOAT64).named("X").requiresGrad();
    Tensor w = Generators.uniform(Shape.of(2, 1, 3, 3), 2, -1, 1).named("W").requiresGrad();
    Tensor y = Conv.conv2d(x, w, ConvOptions.defaults()).named("Y");
    Tensor loss = y.sum().named("L");
    String dump = GraphDump.of(loss).toText();
    BackwardTrace trace = BackwardTrace.record(loss::backward);
    List<String> lines = trace.lines();
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("dL/dX") && l.contains("convTranspose(dL/dY")
        && l.contains("W") && l.contains("(conv2d)")), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("dL/dW") && l.contains("conv(X")
        && l.contains("dL/dY") && l.contains("(conv2d)")), String.join("\n", lines));
    assertTrue(dump.contains("dL/dX = convTranspose(g, W)") && dump.contains("dL/dW = conv(X, g)"), dump);
  }
}
