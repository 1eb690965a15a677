package dev.chainrule.autodiff.kernel;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;

/** Run in a child JVM by {@link ScalarFallbackTest}: prints the kernels chosen and one small computation. */
public final class FallbackProbe {
  private FallbackProbe() {}

  public static void main(String[] args) {
    System.out.println("kernels=" + Kernels.get().name());
    Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad();
    Tensor y = x.exp().sum();
    y.backward();
    System.out.println("grad=" + x.grad().toDoubleArray()[2] + " dtype=" + x.grad().dtype().equals(DType.FLOAT64));
  }
}
