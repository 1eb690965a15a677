package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * One-hot encoding: for labels of shape {@code s} holding integer values in {@code [0, classes)}, a tensor of
 * shape {@code s + (classes,)} and the labels' type with 1 at {@code [..., label]} and 0 elsewhere. Not
 * differentiable: the result never records a node.
 */
public final class OneHot {
  private OneHot() {}

  /**
   * Encodes {@code labels}.
   *
   * @throws IllegalArgumentException for a label that is not an integer in {@code [0, classes)}
   */
  public static Tensor of(Tensor labels, int classes) {
    if (classes < 1) {
      throw new IllegalArgumentException("oneHot: classes is " + classes + "; it must be at least 1");
    }
    int[] dims = Arrays.copyOf(labels.shape().dims(), labels.rank() + 1);
    dims[labels.rank()] = classes;
    Shape shape = Shape.of(dims);
    double[] values = new double[shape.size()];
    for (int i = 0; i < labels.size(); i++) {
      double label = labels.get(i);
      if (label != Math.rint(label) || label < 0 || label >= classes) {
        throw new IllegalArgumentException(String.format("oneHot: label %s at index %s of labels of shape %s is"
            + " out of range for %s classes (labels must be integers in [0, %s))", IndexMaps.format(label), i,
            labels.shape(), classes, classes));
      }
      values[i * classes + (int) label] = 1;
    }
    return Tensor.wrap(shape, values).to(labels.dtype());
  }
}
