package dev.chainrule.autodiff.dump;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.Abs;
import dev.chainrule.autodiff.ops.Add;
import dev.chainrule.autodiff.ops.Axes;
import dev.chainrule.autodiff.ops.Div;
import dev.chainrule.autodiff.ops.Exp;
import dev.chainrule.autodiff.ops.Log;
import dev.chainrule.autodiff.ops.MatMul;
import dev.chainrule.autodiff.ops.Mul;
import dev.chainrule.autodiff.ops.Neg;
import dev.chainrule.autodiff.ops.Relu;
import dev.chainrule.autodiff.ops.Sigmoid;
import dev.chainrule.autodiff.ops.Sqrt;
import dev.chainrule.autodiff.ops.Sub;
import dev.chainrule.autodiff.ops.Sum;
import dev.chainrule.autodiff.ops.Tanh;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Replays one tensor op on scalars with the same autodiff ops, element by element:
 *
 * <ul>
 *   <li>{@code MatMul} (2-D, either operand possibly read transposed): {@code y[i,j] = sum_k a[i,k] * b[k,j]},
 *       one {@code Mul} per product and a left-to-right chain of {@code Add}s;
 *   <li>elementwise binary ops ({@code Add, Sub, Mul, Div}) with NumPy broadcasting: output element {@code i}
 *       reads the element of each operand that broadcasting maps to {@code i}, so a broadcast element feeds
 *       several outputs and backward adds its gradients up (what un-broadcasting does at tensor scale);
 *   <li>elementwise unary ops ({@code Neg, Exp, Log, Sqrt, Abs, Sigmoid, Tanh, Relu});
 *   <li>{@code Sum} over any axes: a chain of {@code Add}s over each group of summed elements.
 * </ul>
 */
final class ScalarReplay {
  private static final Map<Class<?>, UnaryOperator<Tensor>> UNARY = Map.of(Neg.class, Tensor::neg, Exp.class,
      Tensor::exp, Log.class, Tensor::log, Sqrt.class, Tensor::sqrt, Abs.class, Tensor::abs, Sigmoid.class,
      Tensor::sigmoid, Tanh.class, Tensor::tanh, Relu.class, Tensor::relu);
  private static final Map<Class<?>, BinaryOperator<Tensor>> BINARY = Map.of(Add.class, Tensor::add, Sub.class,
      Tensor::sub, Mul.class, Tensor::mul, Div.class, Tensor::div);
  static final String SUPPORTED = "MatMul (2-D), Add, Sub, Mul, Div, Neg, Exp, Log, Sqrt, Abs, Sigmoid, Tanh, Relu"
      + " and Sum";

  private ScalarReplay() {}

  /** Whether {@code f} can be replayed. */
  static boolean supports(Function f) {
    return f instanceof MatMul || f instanceof Sum || UNARY.containsKey(f.getClass())
        || BINARY.containsKey(f.getClass());
  }

  /** The default names of the operands of {@code f}: {@code A, B} for a product, {@code a, b} or {@code x}. */
  static String defaultName(Function f, int input) {
    if (f instanceof MatMul) {
      return input == 0 ? "A" : "B";
    }
    return BINARY.containsKey(f.getClass()) ? (input == 0 ? "a" : "b") : "x";
  }

  /**
   * The scalar outputs, row-major over {@code outShape}, of {@code f} applied to operands given as scalars
   * ({@code in[i][flat index]}) of shapes {@code inShapes}.
   */
  static Tensor[] replay(Function f, Shape outShape, Tensor[][] in, Shape[] inShapes) {
    if (f instanceof MatMul m) {
      return matmul(m, outShape, in, inShapes);
    }
    if (f instanceof Sum s) {
      return sum(s, outShape, in[0], inShapes[0]);
    }
    Tensor[] out = new Tensor[outShape.size()];
    int[] index = new int[outShape.rank()];
    UnaryOperator<Tensor> unary = UNARY.get(f.getClass());
    BinaryOperator<Tensor> binary = BINARY.get(f.getClass());
    for (int i = 0; i < out.length; i++) {
      unflatten(i, outShape, index);
      Tensor a = in[0][broadcastIndex(index, inShapes[0])];
      out[i] = unary != null ? unary.apply(a) : binary.apply(a, in[1][broadcastIndex(index, inShapes[1])]);
    }
    return out;
  }

  private static Tensor[] matmul(MatMul m, Shape outShape, Tensor[][] in, Shape[] inShapes) {
    checkArgument(inShapes[0].rank() == 2 && inShapes[1].rank() == 2, "explode: MatMul of shapes %s and %s: only"
        + " a product of two matrices can be exploded", inShapes[0], inShapes[1]);
    int rows = outShape.dim(0);
    int cols = outShape.dim(1);
    int inner = inShapes[0].dim(m.transA() ? 0 : 1);
    Tensor[] out = new Tensor[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        Tensor acc = null;
        for (int k = 0; k < inner; k++) {
          Tensor a = in[0][m.transA() ? k * rows + i : i * inner + k];
          Tensor b = in[1][m.transB() ? j * inner + k : k * cols + j];
          Tensor product = a.mul(b);
          acc = acc == null ? product : acc.add(product);
        }
        out[i * cols + j] = acc;
      }
    }
    return out;
  }

  private static Tensor[] sum(Sum s, Shape outShape, Tensor[] in, Shape inShape) {
    boolean[] reduced = Axes.resolve("sum", inShape, s.axes());
    List<List<Tensor>> groups = new ArrayList<>();
    for (int i = 0; i < outShape.size(); i++) {
      groups.add(new ArrayList<>());
    }
    int[] index = new int[inShape.rank()];
    Shape kept = Axes.reducedShape(inShape, reduced, true);
    int[] strides = kept.strides();
    for (int i = 0; i < in.length; i++) {
      unflatten(i, inShape, index);
      int target = 0;
      for (int axis = 0; axis < index.length; axis++) {
        target += reduced[axis] ? 0 : index[axis] * strides[axis];
      }
      groups.get(target).add(in[i]);
    }
    Tensor[] out = new Tensor[outShape.size()];
    for (int i = 0; i < out.length; i++) {
      Tensor acc = null;
      for (Tensor x : groups.get(i)) {
        acc = acc == null ? x : acc.add(x);
      }
      out[i] = acc;
    }
    return out;
  }

  /** The multi-index of flat index {@code flat} in {@code shape}, written into {@code index}. */
  static void unflatten(int flat, Shape shape, int[] index) {
    for (int axis = shape.rank() - 1; axis >= 0; axis--) {
      index[axis] = flat % shape.dim(axis);
      flat /= shape.dim(axis);
    }
  }

  /** The flat index in {@code shape} of the element that broadcasting maps to output multi-index {@code out}. */
  private static int broadcastIndex(int[] out, Shape shape) {
    int offset = out.length - shape.rank();
    int flat = 0;
    for (int axis = 0; axis < shape.rank(); axis++) {
      flat = flat * shape.dim(axis) + (shape.dim(axis) == 1 ? 0 : out[offset + axis]);
    }
    return flat;
  }
}
