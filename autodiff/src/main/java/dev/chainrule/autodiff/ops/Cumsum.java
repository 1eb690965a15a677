package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * The running sum along {@code axis}: {@code y_i = sum_{j <= i} x_j}, or with {@code reverse}
 * {@code y_i = sum_{j >= i} x_j}; the same shape as {@code x}. Accumulated in double precision (as PyTorch does
 * on the CPU) and rounded once per element; a NaN or infinity reaches every later (earlier, reversed) entry.
 *
 * <p>{@code dL/dx_j = sum_{i >= j} g_i}: the reverse running sum of {@code g} (and the plain one for a reversed
 * op), itself a {@code Cumsum}, so second derivatives work. Fused: a composition would need {@code n} narrows.
 */
public final class Cumsum extends Function {
  private final int axis;
  private final boolean reverse;
  private int resolved;

  public Cumsum(int axis, boolean reverse) {
    this.axis = axis;
    this.reverse = reverse;
  }

  @Override
  public String derivativeRule() {
    return reverse ? "dL/dx = cumsum(g)" : "dL/dx = reverse cumsum(g)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return (reverse ? "cumsum(" : "reverse cumsum(") + n.upstream() + ", axis=" + axis + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Shape shape = in[0].shape();
    resolved = shape.axis(axis, "cumsum");
    int[] dims = shape.dims();
    int outer = Compute.product(dims, 0, resolved);
    int n = dims[resolved];
    int inner = Compute.product(dims, resolved + 1, dims.length);
    Tensor out = Compute.allocate(in[0].dtype(), shape);
    if (in[0].dtype() == DType.FLOAT32) {
      float[] x = in[0].rawFloats();
      float[] y = out.rawFloats();
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          double sum = 0;
          for (int k = 0; k < n; k++) {
            int at = (o * n + (reverse ? n - 1 - k : k)) * inner + i;
            sum += x[at];
            y[at] = (float) sum;
          }
        }
      }
    } else {
      double[] x = in[0].rawDoubles();
      double[] y = out.rawDoubles();
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          double sum = 0;
          for (int k = 0; k < n; k++) {
            int at = (o * n + (reverse ? n - 1 - k : k)) * inner + i;
            sum += x[at];
            y[at] = sum;
          }
        }
      }
    }
    return out;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new Cumsum(resolved, !reverse).apply(g)};
  }
}
