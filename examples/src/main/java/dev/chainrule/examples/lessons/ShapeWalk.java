package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.layers.Linear;
import java.util.ArrayList;
import java.util.List;

/**
 * One forward and backward pass of an L-layer network on a mini-batch of {@code m} samples, written out layer by
 * layer so that every {@code Z[l]} and {@code A[l]} can be kept and its gradient read:
 *
 * <pre>
 *   Z[l] = A[l-1] W[l]^T + b[l]      A[l] = relu(Z[l])  (l &lt; L),   A[L] = softmax(Z[L])
 *   J    = -(1/m) sum_i sum_k Y_ik ln A[L]_ik
 * </pre>
 *
 * <p>This is the course's column formula {@code Z = W A + b} transposed: chainrule keeps a batch in rows (sample
 * first), so {@code Z[l]} and {@code A[l]} are {@code (m, n[l])}, the weight keeps the course's {@code (n[l],
 * n[l-1])} and the bias is a vector {@code (n[l])} added to every row, where the course's {@code (n[l], 1)} is
 * added to every column.
 *
 * <p>After backward it also evaluates the course's backward formulas, transposed to rows, from the kept values:
 * {@code dZ[L] = (A[L] - Y) / m}, {@code dW[l] = dZ[l]^T A[l-1]}, {@code db[l] = sum over rows of dZ[l]},
 * {@code dA[l-1] = dZ[l] W[l]} and {@code dZ[l] = dA[l] * [Z[l] > 0]}; {@link #formulaGap()} is the largest
 * absolute difference between them and what autodiff computed. (The course's {@code 1/m} sits in {@code dZ}
 * here, because {@code J} is already the mean.)
 */
final class ShapeWalk {
  /** The shapes of one layer's values and of their gradients. */
  record LayerShapes(int layer, int units, Shape w, Shape b, Shape z, Shape a, Shape dw, Shape db, Shape dz,
      Shape da) {}

  private final List<LayerShapes> layers;
  private final double formulaGap;

  private ShapeWalk(List<LayerShapes> layers, double formulaGap) {
    this.layers = List.copyOf(layers);
    this.formulaGap = formulaGap;
  }

  /** Runs forward and backward through {@code linears} (ReLU between them) on features {@code x}. */
  static ShapeWalk run(List<Linear> linears, Tensor x, Tensor labels) {
    checkArgument(!linears.isEmpty(), "ShapeWalk: needs at least one layer");
    int m = x.shape().dim(0);
    int last = linears.size() - 1;
    List<Tensor> zs = new ArrayList<>();
    List<Tensor> as = new ArrayList<>();
    Tensor a = x;
    for (int l = 0; l <= last; l++) {
      Tensor z = linears.get(l).call(a).retainGrad();
      a = (l < last ? z.relu() : z.softmax(1)).retainGrad();
      zs.add(z);
      as.add(a);
    }
    Tensor y = Tensor.oneHot(labels, linears.get(last).outFeatures()).to(a.dtype());
    a.log().mul(y).sum().div(-m).backward();

    try (var off = GradMode.off()) {
      return new ShapeWalk(shapes(linears, x, zs, as), formulaGap(linears, x, y, zs, as));
    }
  }

  private static List<LayerShapes> shapes(List<Linear> linears, Tensor x, List<Tensor> zs, List<Tensor> as) {
    List<LayerShapes> shapes = new ArrayList<>();
    for (int l = 0; l < linears.size(); l++) {
      Linear layer = linears.get(l);
      Tensor z = zs.get(l);
      Tensor a = as.get(l);
      shapes.add(new LayerShapes(l + 1, layer.outFeatures(), layer.weight().shape(), layer.bias().shape(),
          z.shape(), a.shape(), layer.weight().grad().shape(), layer.bias().grad().shape(), z.grad().shape(),
          a.grad().shape()));
    }
    return shapes;
  }

  private static double formulaGap(List<Linear> linears, Tensor x, Tensor y, List<Tensor> zs, List<Tensor> as) {
    int last = linears.size() - 1;
    int m = x.shape().dim(0);
    double gap = maxAbs(zs.get(last).grad(), as.get(last).sub(y).div(m));
    for (int l = 0; l <= last; l++) {
      Linear layer = linears.get(l);
      Tensor z = zs.get(l);
      Tensor dz = z.grad();
      Tensor previous = l == 0 ? x : as.get(l - 1);
      gap = Math.max(gap, maxAbs(layer.weight().grad(), dz.t().matmul(previous)));
      gap = Math.max(gap, maxAbs(layer.bias().grad(), dz.sum(new int[] {0}, false)));
      if (l > 0) {
        gap = Math.max(gap, maxAbs(as.get(l - 1).grad(), dz.matmul(layer.weight())));
      }
      if (l < last) {
        gap = Math.max(gap, maxAbs(dz, as.get(l).grad().mul(z.gt(0))));
      }
    }
    return gap;
  }

  /** The shapes of layers 1 to L. */
  List<LayerShapes> layers() {
    return layers;
  }

  /** The largest absolute difference between the course's backward formulas and autodiff's gradients. */
  double formulaGap() {
    return formulaGap;
  }

  private static double maxAbs(Tensor a, Tensor b) {
    checkArgument(a.shape().equals(b.shape()), "ShapeWalk: comparing shapes %s and %s", a.shape(), b.shape());
    double[] x = a.toDoubleArray();
    double[] y = b.toDoubleArray();
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      max = Math.max(max, Math.abs(x[i] - y[i]));
    }
    return max;
  }
}
