package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * {@code y[..., i, ...] = x[..., n - 1 - i, ...]} along each of {@code axes} (negative counts from the end; none
 * named twice): the same shape as {@code x}, the order of entries reversed along those axes.
 *
 * <p>{@code dL/dx = flip(g, axes)}: a flip is its own inverse and adjoint.
 */
public final class Flip extends Function {
  private final int[] axes;

  public Flip(int... axes) {
    this.axes = axes.clone();
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = flip(g)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "flip(" + n.upstream() + ", axes " + Arrays.toString(axes) + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Shape shape = in[0].shape();
    boolean[] flipped = Axes.resolve("flip", shape, axes);
    return IndexMaps.take(in[0], shape, map(shape, flipped));
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new Flip(axes).apply(g)};
  }

  /** The source position of each element of the flipped tensor, walking it in row-major order. */
  private static int[] map(Shape shape, boolean[] flipped) {
    int[] dims = shape.dims();
    int[] strides = shape.strides();
    int[] coords = new int[dims.length];
    int[] map = new int[shape.size()];
    for (int e = 0; e < map.length; e++) {
      int source = 0;
      for (int d = 0; d < dims.length; d++) {
        source += (flipped[d] ? dims[d] - 1 - coords[d] : coords[d]) * strides[d];
      }
      map[e] = source;
      for (int d = dims.length - 1; d >= 0 && ++coords[d] == dims[d]; d--) {
        coords[d] = 0;
      }
    }
    return map;
  }
}
