package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.train.Accuracy;
import dev.chainrule.nn.train.Callback;
import dev.chainrule.nn.train.EpochResult;
import dev.chainrule.nn.train.TrainingState;
import java.util.ArrayList;
import java.util.List;

/**
 * After every epoch, the plain cross-entropy {@code J = -(1/m) sum_i ln softmax(z_i)[y_i]} and the accuracy of
 * the model on the whole training set and the whole validation set, measured in eval mode (dropout off) and
 * without any penalty term. The trainer's own {@code loss} is the running mean over the epoch's batches, with
 * dropout on and a penalty added; this callback measures both sets the same way, so their curves can be
 * compared and their gap read as over-fitting.
 */
final class SplitCurves implements Callback {
  private static final CrossEntropyLoss CROSS_ENTROPY = new CrossEntropyLoss();
  private static final Accuracy ACCURACY = Accuracy.multiclass();

  private final TensorDataset train;
  private final TensorDataset validation;
  private final List<Fit> fits = new ArrayList<>();

  /** Loss and accuracy on the training and the validation set at one moment of training. */
  record Fit(double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy) {
    /** How much lower the training loss is than the validation loss: the over-fitting gap. */
    double lossGap() {
      return validationLoss - trainLoss;
    }

    /** How much higher the training accuracy is than the validation accuracy. */
    double accuracyGap() {
      return trainAccuracy - validationAccuracy;
    }
  }

  SplitCurves(TensorDataset train, TensorDataset validation) {
    this.train = checkNotNull(train, "SplitCurves: train must not be null");
    this.validation = checkNotNull(validation, "SplitCurves: validation must not be null");
  }

  @Override
  public void onEpochEnd(TrainingState state, EpochResult result) {
    fits.add(measure(state.model()));
  }

  /** The loss and accuracy of {@code model} on both sets now. */
  Fit measure(Module model) {
    try (var off = GradMode.off(); var evaluating = Module.evaluating()) {
      Tensor trainOut = model.call(train.features());
      Tensor validationOut = model.call(validation.features());
      return new Fit(CROSS_ENTROPY.apply(trainOut, train.labels()).item(), ACCURACY.value(trainOut, train.labels()),
          CROSS_ENTROPY.apply(validationOut, validation.labels()).item(),
          ACCURACY.value(validationOut, validation.labels()));
    }
  }

  /** The measurements so far, one per finished epoch. */
  List<Fit> fits() {
    return List.copyOf(fits);
  }
}
