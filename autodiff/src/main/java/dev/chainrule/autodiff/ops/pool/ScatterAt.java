package dev.chainrule.autodiff.ops.pool;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.Compute;

/**
 * {@code y = zeros(shape)}, then {@code y[map[e]] += x[e]} for every element {@code e} of {@code x} whose
 * {@code map[e] >= 0} (flat row-major positions; {@code -1} sends an element nowhere). The backward of
 * {@link WindowMax} (the map holds each window's arg-max) and of {@link TakeAt} (padding by reflection or
 * replication, where several outputs read one input).
 *
 * <p>{@code dL/dx = takeAt(g, map)}: {@code dL/dx[e] = g[map[e]]} (0 where {@code map[e] < 0}).
 */
public final class ScatterAt extends Function {
  private final int[] map;
  private final Shape shape;
  private Shape sourceShape;

  /** {@code map} is not copied: the op that made it must not change it. */
  ScatterAt(int[] map, Shape shape) {
    this.map = map;
    this.shape = shape;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx[e] = g[map[e]]";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "takeAt(" + n.upstream() + ", map)";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    sourceShape = x.shape();
    checkArgument(x.size() == map.length, "ScatterAt: source of shape %s has %s elements, the map %s",
        sourceShape, x.size(), map.length);
    Tensor y = Compute.allocate(x.dtype(), shape);
    if (x.dtype() == DType.FLOAT32) {
      float[] from = x.rawFloats();
      float[] to = y.rawFloats();
      for (int e = 0; e < map.length; e++) {
        if (map[e] >= 0) {
          to[map[e]] += from[e];
        }
      }
    } else {
      double[] from = x.rawDoubles();
      double[] to = y.rawDoubles();
      for (int e = 0; e < map.length; e++) {
        if (map[e] >= 0) {
          to[map[e]] += from[e];
        }
      }
    }
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new TakeAt(map, sourceShape).apply(g)};
  }
}
