package dev.chainrule.nn.train;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.data.Batch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sample-weighted means of the loss and the metrics over the batches seen so far. NaN-honest: a batch whose
 * features or output hold NaN counts NaN for the loss and for every metric, whatever the loss and the metrics
 * make of it (a relu, a clamp or an arg-max can turn NaN into a finite number), so the means become NaN too.
 */
final class Averages {
  private final List<Metric> metrics;
  private final double[] sums;
  private double lossSum;
  private long samples;

  Averages(List<Metric> metrics) {
    this.metrics = metrics;
    this.sums = new double[metrics.size()];
  }

  /** Whether the batch's features or the model's output for it hold NaN. */
  static boolean anyNaN(Batch batch, Tensor output) {
    return NonFinite.anyNaN(batch.features()) || NonFinite.anyNaN(output);
  }

  void add(Batch batch, Tensor output, double batchLoss) {
    Tensor labels = batch.labels();
    int n = labels.shape().rank() == 0 ? 1 : labels.shape().dim(0);
    boolean nan = anyNaN(batch, output);
    lossSum += (nan ? Double.NaN : batchLoss) * n;
    try (var off = GradMode.off()) {
      for (int i = 0; i < sums.length; i++) {
        sums[i] += (nan ? Double.NaN : metrics.get(i).value(output, labels)) * n;
      }
    }
    samples += n;
  }

  long samples() {
    return samples;
  }

  double loss() {
    return lossSum / samples;
  }

  Map<String, Double> values(String prefix) {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put(prefix + "loss", loss());
    for (int i = 0; i < sums.length; i++) {
      values.put(prefix + metrics.get(i).name(), sums[i] / samples);
    }
    return values;
  }
}
