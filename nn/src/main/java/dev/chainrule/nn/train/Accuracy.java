package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;

/**
 * The fraction of samples classified correctly.
 *
 * <ul>
 *   <li>{@link #multiclass()}: output {@code (N, C)} of scores (logits or probabilities), labels {@code (N,)} of
 *       class indices; a sample is right when its largest score is at its label (the first, on ties).
 *   <li>{@link #binary(double)}: output {@code (N,)} or {@code (N, 1)}, labels 0 or 1; a sample is predicted 1
 *       when its output exceeds the threshold (0.5 for probabilities, 0 for logits).
 * </ul>
 *
 * <p>An output holding NaN gives NaN: a NaN score is no prediction, and counting it right or wrong would report
 * a finite accuracy for a model that computed nothing.
 */
public final class Accuracy implements Metric {
  private final boolean multiclass;
  private final double threshold;

  private Accuracy(boolean multiclass, double threshold) {
    this.multiclass = multiclass;
    this.threshold = threshold;
  }

  /** Accuracy of the arg-max class. */
  public static Accuracy multiclass() {
    return new Accuracy(true, Double.NaN);
  }

  /** Accuracy of {@code output > threshold} against 0/1 labels. */
  public static Accuracy binary(double threshold) {
    return new Accuracy(false, threshold);
  }

  @Override
  public String name() {
    return "accuracy";
  }

  @Override
  public double value(Tensor output, Tensor labels) {
    int n = labels.size();
    double[] predicted;
    if (multiclass) {
      checkArgument(output.rank() == 2 && output.shape().dim(0) == n, "accuracy: output of shape %s does not hold"
          + " one row of class scores for each of the %s labels", output.shape(), n);
      predicted = output.argmax(1).toDoubleArray();
    } else {
      checkArgument(output.size() == n, "accuracy: output of shape %s does not hold one value for each of the %s"
          + " labels", output.shape(), n);
      predicted = output.gt(threshold).toDoubleArray();
    }
    if (NonFinite.anyNaN(output)) {
      return Double.NaN;
    }
    checkArgument(!multiclass || labels.dtype() == DType.INT64, "accuracy: labels of shape %s are %s; class"
        + " indices are int64 (convert with to(DType.INT64))", labels.shape(), labels.dtype());
    double[] truth = labels.toDoubleArray();
    int right = 0;
    for (int i = 0; i < n; i++) {
      if (predicted[i] == truth[i]) {
        right++;
      }
    }
    return n == 0 ? Double.NaN : right / (double) n;
  }
}
