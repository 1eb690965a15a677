package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.GradClip;
import dev.chainrule.optim.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fits a model with a loss and an optimizer, like Keras' {@code fit} or a hand-written PyTorch loop:
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, new CrossEntropyLoss(), new Adam(model.parameters(), 1e-3))
 *     .epochs(10)
 *     .metrics(Accuracy.multiclass())
 *     .callbacks(new ProgressBar(), EarlyStopping.onValidationLoss(3))
 *     .build();
 * History history = trainer.fit(trainLoader, validationLoader);
 * Evaluation test = trainer.evaluate(testLoader);
 * }</pre>
 *
 * <p>Each training step is {@code zeroGrad; output = model(x); L = loss(output, y); L.backward(); clip; step}, where
 * {@code clip} is the gradient clipping asked for ({@link Builder#clipGradNorm}, {@link Builder#clipGradValue}), with the
 * model in training mode; the graph of a step is freed by its backward, so memory does not grow with the number
 * of steps. Validation, evaluation and prediction run in evaluation mode ({@link Module#evaluating()}, which
 * flips no shared state, so they are safe from several threads at once) with recording off.
 *
 * <p>What cannot be right is refused rather than run: an optimizer holding tensors that are not the model's
 * parameters (at {@link Builder#build}); a loader that yields no batches; evaluating or predicting with a model
 * whose parameters or buffers hold NaN or infinity. A training batch whose features, output or loss are NaN (or
 * a loss that is infinite), or a validation loss that is not finite, ends the run as a stop would (each
 * callback's {@code onTrainEnd} runs, so {@link EarlyStopping} puts back its best weights), then fails with an
 * {@code IllegalStateException} naming the epoch and batch.
 */
public final class Trainer {
  private final Module model;
  private final Loss loss;
  private final Optimizer optimizer;
  private final int epochs;
  private final List<Metric> metrics;
  private final List<Callback> callbacks;
  private final ParameterCheck parameterCheck;
  private final double clipNorm;
  private final double clipValue;

  private Trainer(Builder b) {
    this.clipNorm = b.clipNorm;
    this.clipValue = b.clipValue;
    this.model = b.model;
    this.loss = b.loss;
    this.optimizer = b.optimizer;
    this.epochs = b.epochs;
    this.metrics = List.copyOf(b.metrics);
    this.callbacks = List.copyOf(b.callbacks);
    this.parameterCheck = new ParameterCheck(model);
  }

  public static Builder builder(Module model, Loss loss, Optimizer optimizer) {
    return new Builder(model, loss, optimizer);
  }

  /**
   * Trains for the configured number of epochs (fewer if a callback stops it); {@code validation} may be null.
   *
   * @throws IllegalArgumentException before anything runs, when a loader yields no batches
   */
  public History fit(DataLoader train, DataLoader validation) {
    checkNotNull(train, "fit: training data must not be null");
    requireBatches("fit", "the training loader", train);
    if (validation != null) {
      requireBatches("fit", "the validation loader", validation);
    }
    Run run = new Run(train.batchCount());
    callbacks.forEach(c -> c.onTrainBegin(run));
    for (int epoch = 1; epoch <= epochs && !run.stop; epoch++) {
      int current = epoch;
      callbacks.forEach(c -> c.onEpochBegin(run, current));
      long start = System.nanoTime();
      Map<String, Double> values = trainEpoch(train, run, epoch);
      if (validation != null) {
        Evaluation v = validate(validation, run, epoch);
        values.put("val_loss", v.loss());
        v.metrics().forEach((name, value) -> values.put("val_" + name, value));
      }
      values.put("lr", optimizer.learningRate());
      EpochResult result = new EpochResult(epoch, values, (System.nanoTime() - start) / 1e9);
      run.history.add(result);
      callbacks.forEach(c -> c.onEpochEnd(run, result));
    }
    callbacks.forEach(c -> c.onTrainEnd(run));
    return run.history;
  }

  private Map<String, Double> trainEpoch(DataLoader train, Run run, int epoch) {
    model.train();
    Averages averages = new Averages(metrics);
    run.averages = averages;
    int batchIndex = 0;
    for (Batch batch : train) {
      if (NonFinite.anyNaN(batch.features())) {
        fail(run, String.format("fit: the features of epoch %d, batch %d hold NaN; clean the data (a NaN input"
            + " makes every output it reaches meaningless)", epoch, batchIndex));
      }
      optimizer.zeroGrad();
      Tensor output = model.call(batch.features());
      if (NonFinite.anyNaN(output)) {
        fail(run, String.format("fit: the model's output holds NaN at epoch %d, batch %d, from finite features;"
            + " lower the learning rate, or look for an operation without a value there (0 / 0, log of a"
            + " negative)", epoch, batchIndex));
      }
      Tensor value = loss.apply(output, batch.labels());
      double batchLoss = value.item();
      if (!Double.isFinite(batchLoss)) {
        fail(run, String.format("fit: the loss became %s at epoch %d, batch %d; lower the learning rate or check"
            + " the data for NaN", batchLoss, epoch, batchIndex));
      }
      value.backward();
      clip();
      optimizer.step();
      averages.add(batch, output, batchLoss);
      int b = batchIndex++;
      callbacks.forEach(c -> c.onBatchEnd(run, b, batchLoss));
    }
    return averages.values("");
  }

  /** Clips the gradients of the optimizer's parameters as configured (nothing when no clipping was asked for). */
  private void clip() {
    if (clipValue > 0) {
      GradClip.byValue(optimizer.parameters(), clipValue);
    }
    if (clipNorm > 0) {
      GradClip.byGlobalNorm(optimizer.parameters(), clipNorm);
    }
  }

  /** The validation pass of {@link #fit}: a NaN or infinite loss, or a non-finite model, fails the run. */
  private Evaluation validate(DataLoader validation, Run run, int epoch) {
    String problem = parameterCheck.problem("fit", "cannot be validated at epoch " + epoch);
    if (problem != null) {
      fail(run, problem);
    }
    Evaluation v = measure(validation);
    if (!Double.isFinite(v.loss())) {
      fail(run, String.format("fit: the loss became %s on the validation data at epoch %d; lower the learning"
          + " rate, or check the validation data for NaN (a NaN in a batch's features or the model's output makes"
          + " its loss NaN)", v.loss(), epoch));
    }
    return v;
  }

  /**
   * Ends the run as a stop would (each callback's {@code onTrainEnd} runs, so early stopping puts back its best
   * weights), then throws {@code message}.
   */
  private void fail(Run run, String message) {
    callbacks.forEach(c -> c.onTrainEnd(run));
    throw new IllegalStateException(message);
  }

  /**
   * The loss and metrics of the model on {@code data}, inside {@link Module#evaluating()} with recording off: the
   * model's mode is not touched, so several threads may evaluate (and predict) with one trainer at once. NaN in
   * a batch's features or in the model's output makes that batch's loss and metrics NaN, and so the results.
   *
   * @throws IllegalArgumentException when the loader yields no batches
   * @throws IllegalStateException when a parameter or buffer of the model holds NaN or infinity
   */
  public Evaluation evaluate(DataLoader data) {
    checkNotNull(data, "evaluate: data must not be null");
    requireBatches("evaluate", "the loader", data);
    parameterCheck.check("evaluate", "cannot be evaluated");
    return measure(data);
  }

  private Evaluation measure(DataLoader data) {
    Averages averages = new Averages(metrics);
    try (var off = GradMode.off(); var evaluating = Module.evaluating()) {
      for (Batch batch : data) {
        Tensor output = model.call(batch.features());
        averages.add(batch, output, loss.apply(output, batch.labels()).item());
      }
    }
    Map<String, Double> values = averages.values("");
    double meanLoss = values.remove("loss");
    return new Evaluation(meanLoss, values);
  }

  /**
   * The model's output for {@code features}, inside {@link Module#evaluating()} with recording off; safe to call
   * from several threads at once, and the model's mode is left as it was.
   *
   * @throws IllegalStateException when a parameter or buffer of the model holds NaN or infinity
   */
  public Tensor predict(Tensor features) {
    parameterCheck.check("predict", "cannot predict");
    try (var off = GradMode.off(); var evaluating = Module.evaluating()) {
      return model.call(features);
    }
  }

  /**
   * Refuses a loader without batches: a mean over no samples is NaN, which early stopping would take for a
   * model that never improves. There are none only when the dataset is empty or dropLast drops its one batch.
   */
  private static void requireBatches(String op, String loader, DataLoader data) {
    if (data.batchCount() > 0) {
      return;
    }
    int n = data.dataset().size();
    throw new IllegalArgumentException(String.format("%s: %s yields no batches: %s", op, loader, n == 0
        ? "its dataset has no samples" : String.format("dropLast skips its only batch, of %d samples, as smaller"
            + " than the batch size %d", n, data.batchSize())));
  }

  /** The state callbacks see during one {@link #fit}. */
  private final class Run implements TrainingState {
    private final History history = new History();
    private final int batches;
    private Averages averages;
    private boolean stop;

    Run(int batches) {
      this.batches = batches;
    }

    @Override
    public Module model() {
      return model;
    }

    @Override
    public Optimizer optimizer() {
      return optimizer;
    }

    @Override
    public int epochs() {
      return epochs;
    }

    @Override
    public int batchesPerEpoch() {
      return batches;
    }

    @Override
    public History history() {
      return history;
    }

    @Override
    public Map<String, Double> runningValues() {
      return averages == null || averages.samples() == 0 ? Map.of() : averages.values("");
    }

    @Override
    public void requestStop() {
      stop = true;
    }
  }

  /** Configures a {@link Trainer}. */
  public static final class Builder {
    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private int epochs = 1;
    private final List<Metric> metrics = new ArrayList<>();
    private final List<Callback> callbacks = new ArrayList<>();
    private double clipNorm;
    private double clipValue;

    private Builder(Module model, Loss loss, Optimizer optimizer) {
      this.model = checkNotNull(model, "trainer: model must not be null");
      this.loss = checkNotNull(loss, "trainer: loss must not be null");
      this.optimizer = checkNotNull(optimizer, "trainer: optimizer must not be null");
    }

    public Builder epochs(int epochs) {
      checkArgument(epochs >= 1, "trainer: epochs must be at least 1, got %s", epochs);
      this.epochs = epochs;
      return this;
    }

    /** Metrics computed on every batch and on validation data, e.g. {@link Accuracy#multiclass()}. */
    public Builder metrics(Metric... metrics) {
      this.metrics.addAll(List.of(metrics));
      return this;
    }

    /**
     * Scales the gradients after every backward so that their global L2 norm (over all the optimizer's parameters)
     * is at most {@code maxNorm}, PyTorch's {@code clip_grad_norm_}; recurrent networks need it against exploding
     * gradients.
     */
    public Builder clipGradNorm(double maxNorm) {
      checkArgument(maxNorm > 0 && Double.isFinite(maxNorm), "trainer: clipGradNorm must be positive and finite, got"
          + " %s", maxNorm);
      this.clipNorm = maxNorm;
      return this;
    }

    /**
     * Limits every gradient element to {@code [-clip, clip]} after every backward, PyTorch's
     * {@code clip_grad_value_}; with {@link #clipGradNorm} too, values are clipped first.
     */
    public Builder clipGradValue(double clip) {
      checkArgument(clip > 0 && Double.isFinite(clip), "trainer: clipGradValue must be positive and finite, got %s",
          clip);
      this.clipValue = clip;
      return this;
    }

    /** Callbacks, called in the order given. */
    public Builder callbacks(Callback... callbacks) {
      this.callbacks.addAll(List.of(callbacks));
      return this;
    }

    /**
     * The trainer.
     *
     * @throws IllegalArgumentException when the optimizer holds a tensor that is not one of the model's
     *     parameters (by identity, not value): its steps would never change the model. An optimizer over some of
     *     them, to fine-tune, is fine.
     */
    public Trainer build() {
      Set<Tensor> own = Collections.newSetFromMap(new IdentityHashMap<>());
      own.addAll(model.parameters());
      List<String> foreign = new ArrayList<>();
      List<Tensor> held = optimizer.parameters();
      for (int i = 0; i < held.size(); i++) {
        Tensor p = held.get(i);
        if (!own.contains(p)) {
          foreign.add(String.format("parameter %d %s %s", i, p.label() == null ? "(unnamed)" : "'" + p.label() + "'",
              p.shape()));
        }
      }
      if (!foreign.isEmpty()) {
        boolean one = foreign.size() == 1;
        throw new IllegalArgumentException(String.format("trainer: the optimizer (%s) holds %d %s not %s of the"
            + " model (%s): %s; build it from model.parameters(), or from some of them to fine-tune",
            optimizer.getClass().getSimpleName(), foreign.size(), one ? "tensor that is" : "tensors that are",
            one ? "a parameter" : "parameters", model.getClass().getSimpleName(), String.join(", ", foreign)));
      }
      return new Trainer(this);
    }
  }
}
