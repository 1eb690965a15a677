package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.autodiff.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradClipTest {

  @Test
  void globalNormAboveTheMaximumScalesAllGradientsTogether() {
    Tensor a = Tensor.of(0.0, 0.0).requiresGrad();
    Tensor b = Tensor.of(0.0).requiresGrad();
    Tensor c = Tensor.of(0.0).requiresGrad(); // no gradient: skipped
    a.setGrad(Tensor.of(3.0, 0.0));
    b.setGrad(Tensor.of(4.0));
    double norm = GradClip.byGlobalNorm(List.of(a, b, c), 1.0);
    assertEquals(5.0, norm, 1e-15); // sqrt(9 + 16)
    double scale = 1.0 / (5.0 + 1e-6);
    assertArrayEquals(new double[] {3 * scale, 0}, a.grad().toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {4 * scale}, b.grad().toDoubleArray(), 1e-15);
    assertNull(c.grad());
  }

  @Test
  void globalNormBelowTheMaximumLeavesGradientsAlone() {
    Tensor a = Tensor.of(0.0, 0.0, 0.0).requiresGrad();
    Tensor g = Tensor.of(1.0, 2.0, 2.0);
    a.setGrad(g);
    assertEquals(3.0, GradClip.byGlobalNorm(List.of(a), 10.0), 1e-15);
    assertSame(g, a.grad());
  }

  @Test
  void byValueClampsEachElement() {
    Tensor a = Tensor.of(0.0, 0.0, 0.0, 0.0).requiresGrad();
    Tensor g = Tensor.of(-3.0, 0.2, 0.7, -0.1);
    a.setGrad(g);
    GradClip.byValue(List.of(a), 0.5);
    assertArrayEquals(new double[] {-0.5, 0.2, 0.5, -0.1}, a.grad().toDoubleArray());
    assertArrayEquals(new double[] {-3.0, 0.2, 0.7, -0.1}, g.toDoubleArray(), "the old gradient is not changed");
  }
}
