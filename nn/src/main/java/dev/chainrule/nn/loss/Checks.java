package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

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
   * Scores {@code (N, C)} and labels {@code (N,)} holding integers in {@code [0, C)}; returns the labels as an
   * {@code (N, 1)} index for {@code gather}.
   */
  static Tensor labelIndex(String loss, Tensor scores, Tensor labels) {
    checkNotNull(scores, "%s: prediction is null", loss);
    checkNotNull(labels, "%s: target is null", loss);
    checkArgument(scores.rank() == 2 && labels.rank() == 1 && labels.shape().dim(0) == scores.shape().dim(0),
        "%s: prediction of shape %s and target of shape %s must be (N, C) and (N,)", loss, scores.shape(),
        labels.shape());
    int classes = scores.shape().dim(1);
    for (int i = 0; i < labels.size(); i++) {
      double label = labels.get(i);
      checkArgument(label == Math.rint(label) && label >= 0 && label < classes, "%s: target %s at index %s is not"
          + " a class label in [0, %s)", loss, label, i, classes);
    }
    return labels.detach().reshape(labels.size(), 1);
  }
}
