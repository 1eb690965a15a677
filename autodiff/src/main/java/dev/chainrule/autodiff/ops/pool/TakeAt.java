package dev.chainrule.autodiff.ops.pool;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.Compute;

/**
 * {@code y[e] = x[map[e]]} for every element {@code e} of {@code y} of shape {@code shape} (flat row-major
 * positions; 0 where {@code map[e] < 0}). Reflect and replicate padding ({@link Pad}) are one each, and it is the
 * backward of {@link ScatterAt}.
 *
 * <p>{@code dL/dx = scatterAt(g, map)}: {@code dL/dx[i]} is the sum of {@code g[e]} over every {@code e} that read
 * {@code x[i]}.
 */
public final class TakeAt extends Function {
  private final int[] map;
  private final Shape shape;
  private Shape inputShape;

  /** {@code map} is not copied: the op that made it must not change it. */
  TakeAt(int[] map, Shape shape) {
    this.map = map;
    this.shape = shape;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx[i] = sum of g[e] over map[e] = i";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "scatterAt(" + n.upstream() + ", map)";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    inputShape = x.shape();
    checkArgument(shape.size() == map.length, "TakeAt: output shape %s has %s elements, the map %s", shape,
        shape.size(), map.length);
    Tensor y = Compute.allocate(x.dtype(), shape);
    if (x.dtype() == DType.FLOAT32) {
      float[] from = x.rawFloats();
      float[] to = y.rawFloats();
      for (int e = 0; e < map.length; e++) {
        to[e] = map[e] < 0 ? 0 : from[map[e]];
      }
    } else {
      double[] from = x.rawDoubles();
      double[] to = y.rawDoubles();
      for (int e = 0; e < map.length; e++) {
        to[e] = map[e] < 0 ? 0 : from[map[e]];
      }
    }
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new ScatterAt(map, inputShape).apply(g)};
  }
}
