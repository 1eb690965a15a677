package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;

/** Argument checks shared by the losses; each message names the loss and both shapes. */
final class Checks {
  private Checks() {}

  static void sameShape(String loss, Tensor prediction, Tensor target) {
    checkNotNull(prediction, "%s: prediction is null", loss);
    checkNotNull(target, "%s: target is null", loss);
    checkArgument(prediction.shape().equals(target.shape()), "%s: prediction of shape %s and target of shape %s"
        + " must have the same shape", loss, prediction.shape(), target.shape());
  }

  /**
   * Refuses values of {@code t} (the loss's {@code role}, "prediction" or "target") outside {@code [0, 1]}, with
   * {@code advice} after the count and range. NaN is not out of range: it passes, so that a NaN input gives a
   * NaN loss rather than this error.
   */
  static void probabilities(String loss, String role, Tensor t, String advice) {
    int outside = 0;
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    int n = t.size();
    float[] floats = t.dtype() == DType.FLOAT32 ? t.rawFloats() : null;
    double[] doubles = floats == null ? t.rawDoubles() : null;
    for (int i = 0; i < n; i++) {
      double v = floats != null ? floats[i] : doubles[i];
      if (v < 0 || v > 1) {
        outside++;
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    if (outside > 0) {
      throw new IllegalArgumentException(String.format("%s: %s of shape %s holds %d value%s outside [0, 1], from %s"
          + " to %s; %s", loss, role, t.shape(), outside, outside == 1 ? "" : "s", shown(low, floats), shown(high,
          floats), advice));
    }
  }

  /** {@code v} as the tensor holds it: a float32 value is not widened to its double digits. */
  private static String shown(double v, float[] floats) {
    return floats != null ? Float.toString((float) v) : Double.toString(v);
  }

  /**
   * Scores {@code (N, C)} and INT64 labels {@code (N,)} in {@code [0, C)}; returns the labels as an
   * {@code (N, 1)} index for {@code gather}. Targets shaped like the scores (one-hot or soft) are pointed to
   * {@link CategoricalCrossEntropyLoss}, a column of labels {@code (N, 1)} to {@code squeeze(1)}.
   */
  static Tensor labelIndex(String loss, Tensor scores, Tensor labels) {
    checkNotNull(scores, "%s: prediction is null", loss);
    checkNotNull(labels, "%s: target is null", loss);
    checkArgument(scores.rank() != 2 || !labels.shape().equals(scores.shape()), "%s: target of shape %s has the"
        + " prediction's shape, so it looks like one-hot or soft targets; %s takes class indices of shape (N,):"
        + " use CategoricalCrossEntropyLoss on the logits for (N, C) targets, or pass target.argmax(1)", loss,
        labels.shape(), loss);
    boolean column = scores.rank() == 2 && labels.rank() == 2 && labels.shape().dim(1) == 1
        && labels.shape().dim(0) == scores.shape().dim(0);
    checkArgument(!column, "%s: target of shape %s is a column; class indices are (N,): pass target.squeeze(1)",
        loss, labels.shape());
    checkArgument(scores.rank() == 2 && labels.rank() == 1 && labels.shape().dim(0) == scores.shape().dim(0),
        "%s: prediction of shape %s and target of shape %s must be (N, C) and (N,)", loss, scores.shape(),
        labels.shape());
    checkArgument(labels.dtype() == DType.INT64, "%s: target of shape %s is %s; class indices are int64 (convert"
        + " with to(DType.INT64))", loss, labels.shape(), labels.dtype());
    int classes = scores.shape().dim(1);
    long[] values = labels.rawLongs();
    for (int i = 0; i < values.length; i++) {
      checkArgument(values[i] >= 0 && values[i] < classes, "%s: target %s at index %s is not a class label in"
          + " [0, %s)", loss, values[i], i, classes);
    }
    return labels.detach().reshape(labels.size(), 1);
  }
}
