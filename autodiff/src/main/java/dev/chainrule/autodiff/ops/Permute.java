package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * {@code y = x} with its axes reordered, materialised: axis {@code d} of {@code y} is axis {@code perm[d]} of
 * {@code x}, so {@code y.shape[d] = x.shape[perm[d]]}. {@code perm} is a permutation of {@code 0..rank-1}
 * (negative entries count from the end). Transpose is the permutation that swaps two axes.
 *
 * <p>{@code dL/dx = g} permuted by the inverse permutation.
 */
public final class Permute extends Function {
  private final int[] requested;
  private int[] perm;

  public Permute(int... perm) {
    this.requested = perm.clone();
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = g permuted back";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    int[] inverse = new int[requested.length];
    for (int d = 0; d < requested.length; d++) {
      int axis = requested[d] < 0 ? requested[d] + requested.length : requested[d];
      inverse[axis] = d;
    }
    return "permute(" + n.upstream() + ", " + Arrays.toString(inverse) + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Shape shape = in[0].shape();
    perm = resolve(shape, requested);
    int[] dims = new int[perm.length];
    for (int d = 0; d < perm.length; d++) {
      dims[d] = shape.dim(perm[d]);
    }
    return IndexMaps.permuteBlocks(in[0], Shape.of(dims), perm);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    int[] inverse = new int[perm.length];
    for (int d = 0; d < perm.length; d++) {
      inverse[perm[d]] = d;
    }
    return new Tensor[] {g.permute(inverse)};
  }

  private static int[] resolve(Shape shape, int[] requested) {
    checkArgument(requested.length == shape.rank(), "permute: %s axes given for shape %s of rank %s",
        Arrays.toString(requested), shape, shape.rank());
    Axes.resolve("permute", shape, requested); // each axis in range and named once
    int[] perm = new int[requested.length];
    for (int d = 0; d < perm.length; d++) {
      perm[d] = shape.axis(requested[d], "permute");
    }
    return perm;
  }
}
