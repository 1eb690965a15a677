package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;

/**
 * Axis ticks at "nice" values: steps of 1, 2 or 5 times a power of ten, chosen so that about {@code target}
 * ticks cover {@code [min, max]}; the axis is widened to the enclosing ticks.
 */
record Ticks(double low, double high, double step) {

  static Ticks of(double min, double max, int target) {
    checkArgument(Double.isFinite(min) && Double.isFinite(max) && min <= max, "ticks: bad range [%s, %s]", min, max);
    checkArgument(target >= 2, "ticks: need at least 2 ticks, got %s", target);
    if (min == max) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
      min -= pad;
      max += pad;
    }
    double raw = (max - min) / (target - 1);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    double step = nice * magnitude;
    return new Ticks(Math.floor(min / step) * step, Math.ceil(max / step) * step, step);
  }

  /** The tick values from {@code low} to {@code high}. */
  List<Double> values() {
    List<Double> values = new ArrayList<>();
    long count = Math.round((high - low) / step);
    for (long i = 0; i <= count; i++) {
      values.add(low + i * step);
    }
    return values;
  }

  /** A tick label with no more decimals than the step needs. */
  String label(double value) {
    int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value == 0 ? 0.0 : value);
  }
}
