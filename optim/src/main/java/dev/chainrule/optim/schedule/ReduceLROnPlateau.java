package dev.chainrule.optim.schedule;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.optim.Optimizer;

/**
 * Reduces the learning rate when a monitored metric stops improving, as PyTorch's {@code ReduceLROnPlateau}
 * with relative threshold. After each epoch call {@link #step(double)} with the metric. A value is an
 * improvement when it beats the best so far by the relative threshold: {@code m < best * (1 - threshold)} in
 * {@link Mode#MIN} mode, {@code m > best * (1 + threshold)} in {@link Mode#MAX}. When more than
 * {@code patience} epochs in a row bring no improvement, the rate becomes {@code max(lr * factor, minLr)}
 * (unless that changes it by no more than 1e-8), and the next {@code cooldown} epochs count no bad epochs.
 */
public final class ReduceLROnPlateau {
  private static final double MIN_CHANGE = 1e-8;

  /** Whether the metric should go down (a loss) or up (an accuracy). */
  public enum Mode {
    MIN,
    MAX
  }

  private final Optimizer optimizer;
  private final Mode mode;
  private final double factor;
  private final int patience;
  private final double threshold;
  private final int cooldown;
  private final double minLearningRate;
  private double best;
  private int badEpochs;
  private int cooldownLeft;

  private ReduceLROnPlateau(Builder b) {
    this.optimizer = checkNotNull(b.optimizer, "ReduceLROnPlateau: optimizer must not be null");
    this.mode = checkNotNull(b.mode, "ReduceLROnPlateau: mode must not be null");
    checkArgument(b.factor > 0 && b.factor < 1, "ReduceLROnPlateau: factor must lie in (0, 1), got %s", b.factor);
    checkArgument(b.patience >= 0, "ReduceLROnPlateau: patience must not be negative, got %s", b.patience);
    checkArgument(b.threshold >= 0, "ReduceLROnPlateau: threshold must not be negative, got %s", b.threshold);
    checkArgument(b.cooldown >= 0, "ReduceLROnPlateau: cooldown must not be negative, got %s", b.cooldown);
    checkArgument(b.minLearningRate >= 0, "ReduceLROnPlateau: minLearningRate must not be negative, got %s",
        b.minLearningRate);
    this.factor = b.factor;
    this.patience = b.patience;
    this.threshold = b.threshold;
    this.cooldown = b.cooldown;
    this.minLearningRate = b.minLearningRate;
    this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /** A builder with PyTorch's defaults: MIN, factor 0.1, patience 10, threshold 1e-4, cooldown 0, minLr 0. */
  public static Builder builder(Optimizer optimizer) {
    return new Builder(optimizer);
  }

  /** Records one epoch's metric and reduces the learning rate if it has plateaued. */
  public void step(double metric) {
    checkArgument(!Double.isNaN(metric), "ReduceLROnPlateau: metric is NaN");
    if (isImprovement(metric)) {
      best = metric;
      badEpochs = 0;
    } else {
      badEpochs++;
    }
    if (cooldownLeft > 0) {
      cooldownLeft--;
      badEpochs = 0;
    }
    if (badEpochs > patience) {
      double old = optimizer.learningRate();
      double reduced = Math.max(old * factor, minLearningRate);
      if (old - reduced > MIN_CHANGE) {
        optimizer.setLearningRate(reduced);
      }
      cooldownLeft = cooldown;
      badEpochs = 0;
    }
  }

  private boolean isImprovement(double metric) {
    return mode == Mode.MIN ? metric < best * (1 - threshold) : metric > best * (1 + threshold);
  }

  /** The best metric seen so far (an infinity before the first step). */
  public double best() {
    return best;
  }

  /** Options of {@link ReduceLROnPlateau}. */
  public static final class Builder {
    private final Optimizer optimizer;
    private Mode mode = Mode.MIN;
    private double factor = 0.1;
    private int patience = 10;
    private double threshold = 1e-4;
    private int cooldown;
    private double minLearningRate;

    private Builder(Optimizer optimizer) {
      this.optimizer = optimizer;
    }

    public Builder mode(Mode mode) {
      this.mode = mode;
      return this;
    }

    public Builder factor(double factor) {
      this.factor = factor;
      return this;
    }

    public Builder patience(int patience) {
      this.patience = patience;
      return this;
    }

    public Builder threshold(double threshold) {
      this.threshold = threshold;
      return this;
    }

    public Builder cooldown(int cooldown) {
      this.cooldown = cooldown;
      return this;
    }

    public Builder minLearningRate(double minLearningRate) {
      this.minLearningRate = minLearningRate;
      return this;
    }

    public ReduceLROnPlateau build() {
      return new ReduceLROnPlateau(this);
    }
  }
}
