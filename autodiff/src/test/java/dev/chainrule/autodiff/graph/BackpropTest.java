package dev.chainrule.autodiff.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Autograd;
import dev.chainrule.autodiff.BackwardOption;
import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.ContributionsTo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackpropTest {

  @Test
  void productRuleThroughSharedInput() {
    // y = x * x + x: fan-out of x into three uses; dy/dx = 2x + 1 = 7 at x = 3.
    Tensor x = Tensor.scalar(DType.FLOAT64, 3).requiresGrad();
    Tensor y = x.mul(x).add(x);
    y.backward();
    assertEquals(12.0, y.item());
    assertEquals(7.0, x.grad().item());
  }

  @Test
  void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
    Tensor x = Tensor.scalar(DType.FLOAT64, 2).requiresGrad();
    x.mul(5).backward();
    x.mul(5).backward();
    assertEquals(10.0, x.grad().item());
    x.zeroGrad();
    assertNull(x.grad());
  }

  @Test
  void broadcastOperandGradientIsSummedBackToItsShape() {
    Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad();
    Tensor row = Tensor.of(new double[] {10, 20, 30}, 1, 3).requiresGrad();
    Tensor c = Tensor.scalar(DType.FLOAT64, 2).requiresGrad();
    m.mul(row).mul(c).sum().backward();
    assertEquals(row.shape(), row.grad().shape());
    assertArrayEquals(new double[] {10, 14, 18}, row.grad().toDoubleArray()); // 2 * column sums of m
    assertArrayEquals(new double[] {20, 40, 60, 20, 40, 60}, m.grad().toDoubleArray());
    assertEquals(21 * 0 + (10 + 40 + 90 + 40 + 100 + 180), c.grad().item());
  }

  @Test
  void secondDerivativeOfCubeAtTwoIsTwelve() {
    Tensor x = Tensor.scalar(DType.FLOAT64, 2).requiresGrad();
    Tensor y = x.mul(x).mul(x);
    Tensor dydx = Autograd.grad(y, List.of(x), true).get(0);
    assertEquals(12.0, dydx.item());
    Tensor d2 = Autograd.grad(dydx, List.of(x), false).get(0);
    assertEquals(12.0, d2.item());
    assertNull(x.grad(), "functional grad must not touch grad()");
  }

  @Test
  void createGraphMakesLeafGradientDifferentiable() {
    Tensor x = Tensor.scalar(DType.FLOAT64, 2).requiresGrad();
    x.mul(x).mul(x).backward(BackwardOption.CREATE_GRAPH);
    Tensor g = x.grad();
    assertTrue(g.needsGrad());
    x.zeroGrad();
    g.backward();
    assertEquals(12.0, x.grad().item());
  }

  @Test
  void millionOpChainDoesNotOverflowTheStack() {
    Tensor x = Tensor.scalar(DType.FLOAT64, 1).requiresGrad();
    Tensor y = x;
    for (int i = 0; i < 1_000_000; i++) {
      y = y.add(1e-6);
    }
    y.backward();
    assertEquals(1.0, x.grad().item());
  }

  @Test
  void secondBackwardThroughFreedGraphIsAClearError() {
    Tensor x = Tensor.scalar(DType.FLOAT64, 2).requiresGrad();
    Tensor y = x.mul(x);
    y.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("freed"), e.getMessage());
    assertTrue(e.getMessage().contains("RETAIN_GRAPH"), e.getMessage());
  }

  @Test
  void retainGraphAllowsASecondWalk() {
    Tensor x = Tensor.scalar(DType.FLOAT64, 2).requiresGrad();
    Tensor y = x.mul(x);
    y.backward(BackwardOption.RETAIN_GRAPH);
    y.backward();
    assertEquals(8.0, x.grad().item());
  }

  @Test
  void nonScalarRootNeedsAnUpstreamGradient() {
    Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad();
    Tensor y = x.mul(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
    assertTrue(e.getMessage().contains("(3,)"), e.getMessage());
    y.backward(Tensor.of(new double[] {1, 10, 100}));
    assertArrayEquals(new double[] {2, 20, 200}, x.grad().toDoubleArray());
  }

  @Test
  void nanUpstreamIsRejected() {
    Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad();
    Tensor y = x.mul(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> y.backward(Tensor.of(new double[] {1, Double.NaN})));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void upstreamOfWrongShapeNamesBothShapes() {
    Tensor y = Tensor.of(new double[] {1, 2}).requiresGrad().mul(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> y.backward(Tensor.of(new double[] {1, 2, 3})));
    assertTrue(e.getMessage().contains("(3,)") && e.getMessage().contains("(2,)"), e.getMessage());
  }

  @Test
  void backwardOnTensorWithoutGraphIsAClearError() {
    Tensor y = Tensor.scalar(DType.FLOAT64, 1).mul(2);
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
  }

  @Test
  void gradModeOffRecordsNothing() {
    Tensor x = Tensor.scalar(DType.FLOAT64, 2).requiresGrad();
    Tensor y;
    try (var off = GradMode.off()) {
      y = x.mul(x);
    }
    assertNull(y.gradFn());
    assertTrue(GradMode.isEnabled());
  }

  @Test
  void detachStopsTheGradient() {
    Tensor x = Tensor.scalar(DType.FLOAT64, 3).requiresGrad();
    Tensor y = x.mul(x.detach());
    y.backward();
    assertEquals(3.0, x.grad().item()); // d(x * c)/dx with c = 3 held constant
  }

  @Test
  void hooksSeeTheCompleteGradientAndMayReplaceIt() {
    Tensor x = Tensor.scalar(DType.FLOAT64, 3).requiresGrad();
    List<Double> seen = new ArrayList<>();
    x.registerHook(g -> {
      seen.add(g.item());
      return g.mul(10);
    });
    x.mul(2).add(x.mul(3)).backward();
    assertEquals(List.of(5.0), seen);
    assertEquals(50.0, x.grad().item());
  }

  @Test
  void intermediateGradientIsKeptOnlyWhenRetained() {
    Tensor x = Tensor.scalar(DType.FLOAT64, 3).requiresGrad();
    Tensor h = x.mul(2).retainGrad();
    Tensor k = x.mul(4);
    h.mul(h).add(k.mul(k)).backward();
    assertEquals(12.0, h.grad().item()); // 2h
    assertNull(k.grad());
  }

  @Test
  void float32LeafGetsFloat32GradientFromFloat64Computation() {
    Tensor x = Tensor.of(new float[] {1, 2}).requiresGrad();
    Tensor w = Tensor.of(new double[] {3, 4});
    Tensor y = x.mul(w).sum();
    assertEquals(DType.FLOAT64, y.dtype());
    y.backward();
    assertEquals(DType.FLOAT32, x.grad().dtype());
    assertArrayEquals(new float[] {3, 4}, x.grad().toFloatArray());
  }

  @Test
  void functionalGradOfUnusedInputIsZero() {
    Tensor x = Tensor.scalar(DType.FLOAT64, 3).requiresGrad();
    Tensor unused = Tensor.zeros(DType.FLOAT64, 2, 2).requiresGrad();
    List<Tensor> grads = Autograd.grad(x.mul(x), List.of(x, unused), false);
    assertEquals(6.0, grads.get(0).item());
    assertArrayEquals(new double[4], grads.get(1).toDoubleArray());
  }

  @Test
  void aGradientSummedInPlaceEqualsTheSumInArrivalOrderAndLeavesEveryContributionAsItWas() {
    // w feeds four products, so it sums four contributions: the first as received, then into a sum it owns;
    // once for an inner node and once for a leaf, whose sums are kept apart from the nodes'
    checkSumOfFourUses(true);
    checkSumOfFourUses(false);
  }

  private static void checkSumOfFourUses(boolean inner) {
    Tensor leaf = Tensor.of(new float[] {0.1f, -2.5f, 3.25f}, 3).requiresGrad();
    Tensor w = inner ? leaf.mul(1.5) : leaf;
    Tensor[] factors = {Tensor.of(new float[] {1.1f, 2.2f, 3.3f}, 3), Tensor.of(new float[] {-0.7f, 1e-3f, 9f}, 3),
        Tensor.of(new float[] {1e7f, -1f, 0.3f}, 3), Tensor.of(new float[] {-1e7f, 0.5f, 1f / 3}, 3)};
    Tensor loss = w.mul(factors[0]).add(w.mul(factors[1])).add(w.mul(factors[2])).add(w.mul(factors[3])).sum();
    List<ContributionsTo.Arrival> toW = ContributionsTo.record(w, loss::backward);
    assertEquals(4, toW.size());
    Tensor sum = toW.get(0).tensor();
    for (int i = 0; i < toW.size(); i++) {
      double[] onArrival = toW.get(i).valuesOnArrival();
      assertArrayEquals(onArrival, toW.get(i).tensor().toDoubleArray(), "contribution " + i + " changed");
      sum = i == 0 ? sum : sum.add(Tensor.of(toFloats(onArrival), 3));
    }
    assertArrayEquals((inner ? sum.mul(1.5) : sum).toDoubleArray(), leaf.grad().toDoubleArray());
  }

  private static float[] toFloats(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }
}
