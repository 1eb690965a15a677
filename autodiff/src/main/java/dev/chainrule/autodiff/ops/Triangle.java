package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * PyTorch's {@code triu(x, k)} ({@code upper}) and {@code tril(x, k)} on the last two axes of {@code x} (rank at
 * least 2; the leading axes are a batch): {@code y[..., i, j] = x[..., i, j]} where {@code j - i >= k} (upper) or
 * {@code j - i <= k} (lower), else 0, whatever {@code x} holds there (a NaN outside the triangle becomes 0).
 * {@code k = 0} is the main diagonal, {@code k > 0} above it, {@code k < 0} below it.
 *
 * <p>{@code dL/dx = the same triangle of g}: the mask is constant, so the op is linear and its own adjoint.
 */
public final class Triangle extends Function {
  private final int k;
  private final boolean upper;

  public Triangle(int k, boolean upper) {
    this.k = k;
    this.upper = upper;
  }

  @Override
  public String name() {
    return upper ? "Triu" : "Tril";
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = the same triangle of g";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return (upper ? "triu(" : "tril(") + n.upstream() + ", " + k + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Shape shape = in[0].shape();
    String op = upper ? "triu" : "tril";
    checkArgument(shape.rank() >= 2, "%s: tensor of shape %s has rank %s; it needs at least 2 axes (the last two"
        + " are the matrix)", op, shape, shape.rank());
    int rows = shape.dim(shape.rank() - 2);
    int cols = shape.dim(shape.rank() - 1);
    int[] outside = outside(rows, cols);
    Tensor out = Compute.convert(in[0], in[0].dtype()); // a copy
    for (int base = 0; base < shape.size(); base += rows * cols) {
      for (int at : outside) {
        if (out.dtype() == DType.FLOAT32) {
          out.rawFloats()[base + at] = 0;
        } else {
          out.rawDoubles()[base + at] = 0;
        }
      }
    }
    return out;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new Triangle(k, upper).apply(g)};
  }

  /** The row-major offsets, within one {@code rows x cols} matrix, of the entries outside the triangle. */
  private int[] outside(int rows, int cols) {
    int[] offsets = new int[rows * cols];
    int count = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (upper ? j - i < k : j - i > k) {
          offsets[count++] = i * cols + j;
        }
      }
    }
    return Arrays.copyOf(offsets, count);
  }
}
