package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * One-hot encoding: for INT64 labels of shape {@code s} with values in {@code [0, classes)}, a tensor of shape
 * {@code s + (classes,)} in the default floating type with 1 at {@code [..., label]} and 0 elsewhere. Not
 * differentiable: the result never records a node.
 */
public final class OneHot {
  private OneHot() {}

  /**
   * Encodes {@code labels}.
   *
   * @throws IllegalArgumentException for labels that are not INT64, or a label outside {@code [0, classes)}
   */
  public static Tensor of(Tensor labels, int classes) {
    if (classes < 1) {
      throw new IllegalArgumentException("oneHot: classes is " + classes + "; it must be at least 1");
    }
    IndexMaps.checkIndexType("oneHot", labels);
    int[] dims = Arrays.copyOf(labels.shape().dims(), labels.rank() + 1);
    dims[labels.rank()] = classes;
    Shape shape = Shape.of(dims);
    Tensor out = Compute.allocate(DType.defaultType(), shape);
    long[] values = labels.rawLongs();
    for (int i = 0; i < values.length; i++) {
      long label = values[i];
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException(String.format("oneHot: label %s at index %s of labels of shape %s is"
            + " out of range for %s classes (labels must be in [0, %s))", label, i, labels.shape(), classes,
            classes));
      }
      if (out.dtype() == DType.FLOAT32) {
        out.rawFloats()[i * classes + (int) label] = 1;
      } else {
        out.rawDoubles()[i * classes + (int) label] = 1;
      }
    }
    return out;
  }
}
