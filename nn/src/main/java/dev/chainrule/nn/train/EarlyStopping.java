package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stops training when a monitored value has not improved for {@code patience} epochs in a row, as Keras'
 * {@code EarlyStopping}:
 *
 * <pre>{@code
 * EarlyStopping.builder().monitor("val_accuracy").patience(5).minDelta(1e-3).restoreBestWeights(true).build()
 * }</pre>
 *
 * <p>The monitored key defaults to {@code val_loss}. Without validation data it falls back to {@code loss}: a
 * {@code val_<k>} key the first epoch lacks is read as {@code <k>} for the whole run ({@link #monitoredKey()}),
 * and a key found neither way is an error. The mode is inferred from the key ({@link MonitorMode#infer}) unless
 * given.
 * An epoch improves when it beats the best by more than {@code minDelta}; at the {@code patience}-th epoch in a
 * row without improvement (the first, for patience 0 or 1) it asks the trainer to stop.
 *
 * <p>With {@code restoreBestWeights}, a copy of the model's state dict is taken at every improvement (the live
 * tensors of {@link Module#stateDict()} would change with training) and loaded back in {@code onTrainEnd}, which
 * directly follows the stopping epoch; so callbacks later in that epoch still see the weights it measured.
 */
public final class EarlyStopping implements Callback {
  private final Monitor monitor;
  private final int patience;
  private final boolean restoreBestWeights;
  private int wait;
  private int bestEpoch;
  private int stoppedEpoch;
  private Map<String, Tensor> bestWeights;

  private EarlyStopping(Builder b) {
    checkArgument(b.patience >= 0, "EarlyStopping: patience must not be negative, got %s", b.patience);
    this.monitor = new Monitor(b.monitor, b.mode == null ? MonitorMode.infer(b.monitor) : b.mode, b.minDelta);
    this.patience = b.patience;
    this.restoreBestWeights = b.restoreBestWeights;
  }

  /** Options with Keras' defaults: {@code val_loss}, mode inferred, patience 0, minDelta 0, no restore. */
  public static Builder builder() {
    return new Builder();
  }

  /** Stops after {@code patience} epochs without a lower {@code val_loss} and restores the best weights. */
  public static EarlyStopping onValidationLoss(int patience) {
    return builder().patience(patience).restoreBestWeights(true).build();
  }

  @Override
  public void onTrainBegin(TrainingState state) {
    monitor.reset();
    wait = 0;
    bestEpoch = 0;
    stoppedEpoch = 0;
    bestWeights = null;
  }

  @Override
  public void onEpochEnd(TrainingState state, EpochResult result) {
    if (monitor.update(result)) {
      wait = 0;
      bestEpoch = result.epoch();
      if (restoreBestWeights) {
        bestWeights = copy(state.model().stateDict());
      }
    } else if (++wait >= patience) {
      stoppedEpoch = result.epoch();
      state.requestStop();
    }
  }

  @Override
  public void onTrainEnd(TrainingState state) {
    if (bestWeights != null) {
      state.model().loadStateDict(bestWeights);
    }
  }

  /** The epoch with the best monitored value of the last run, 0 before any. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The epoch after which this callback stopped the last run, 0 when it did not stop it. */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /** The best monitored value of the last run (an infinity before any). */
  public double best() {
    return monitor.best();
  }

  /** The key monitored in the last run: the one asked for or its training fallback; null before any epoch. */
  public String monitoredKey() {
    return monitor.key();
  }

  /** Copies of the tensors of {@code state}, which no later training step can change. */
  static Map<String, Tensor> copy(Map<String, Tensor> state) {
    Map<String, Tensor> copy = new LinkedHashMap<>();
    state.forEach((name, t) -> copy.put(name, switch (t.dtype()) {
      case FLOAT32 -> Tensor.wrap(t.shape(), t.toFloatArray());
      case FLOAT64 -> Tensor.wrap(t.shape(), t.toDoubleArray());
      case INT64 -> Tensor.wrap(t.shape(), t.toLongArray());
      case BOOL -> Tensor.wrap(t.shape(), t.toBooleanArray());
    }));
    return copy;
  }

  /** Options of {@link EarlyStopping}. */
  public static final class Builder {
    private String monitor = "val_loss";
    private MonitorMode mode;
    private int patience;
    private double minDelta;
    private boolean restoreBestWeights;

    private Builder() {}

    /** The key to watch, e.g. {@code val_accuracy}; default {@code val_loss}. */
    public Builder monitor(String key) {
      this.monitor = checkNotNull(key, "EarlyStopping: monitor must not be null");
      return this;
    }

    /** Whether the value should go down or up; inferred from the key by default. */
    public Builder mode(MonitorMode mode) {
      this.mode = checkNotNull(mode, "EarlyStopping: mode must not be null");
      return this;
    }

    /** Epochs without improvement tolerated before stopping. */
    public Builder patience(int patience) {
      this.patience = patience;
      return this;
    }

    /** The least change that counts as an improvement. */
    public Builder minDelta(double minDelta) {
      this.minDelta = minDelta;
      return this;
    }

    /** Whether to load the weights of the best epoch back when training ends. */
    public Builder restoreBestWeights(boolean restore) {
      this.restoreBestWeights = restore;
      return this;
    }

    public EarlyStopping build() {
      return new EarlyStopping(this);
    }
  }
}
