package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.data.TensorDataset;
import java.util.List;

/**
 * A synthetic market of houses, generated from a seed so every run sees the same data. Each house has four
 * features and a price in thousands of euros:
 *
 * <pre>
 *   area      ~ 30 + lognormal(ln 70, 0.45)               m^2
 *   rooms     = clamp(round(area / 30 + N(0, 0.6)), 1, 8)
 *   age       ~ uniform(0, 80)                             years
 *   distance  ~ 0.5 + exponential(mean 7), at most 40      km to the centre
 *
 *   price = (4.2 * area^0.9 * location(distance) * condition(age) + 12 * rooms) * exp(N(0, 0.08))
 *   location(d)  = 0.3 + 0.7 * exp(-d / 6)                 the centre is worth more than twice the outskirts
 *   condition(a) = 1 - 0.009 a + 0.0001 a^2                new is dear; old houses regain some value
 * </pre>
 *
 * Every factor is positive and the noise multiplies, so every price is positive. The price is not linear in
 * any feature: area enters with a power, distance through a decaying exponential, age as a parabola, and the
 * location multiplies the area term.
 */
final class HousePrices {
  /** The feature names, in column order. */
  static final List<String> FEATURES = List.of("area", "rooms", "age", "distance");

  private HousePrices() {}

  /** {@code count} houses: features {@code (count, 4)} in {@link #FEATURES} order, prices {@code (count, 1)}. */
  static TensorDataset generate(int count, Rng rng) {
    checkArgument(count > 0, "HousePrices.generate: count must be positive, got %s", count);
    checkNotNull(rng, "HousePrices.generate: rng must not be null");
    float[] features = new float[count * 4];
    float[] prices = new float[count];
    for (int i = 0; i < count; i++) {
      double area = 30 + Math.exp(Math.log(70) + 0.45 * rng.nextGaussian());
      double rooms = Math.min(8, Math.max(1, Math.round(area / 30 + 0.6 * rng.nextGaussian())));
      double age = 80 * rng.nextDouble();
      double distance = Math.min(40, 0.5 - 7 * Math.log(1 - rng.nextDouble()));
      features[4 * i] = (float) area;
      features[4 * i + 1] = (float) rooms;
      features[4 * i + 2] = (float) age;
      features[4 * i + 3] = (float) distance;
      prices[i] = (float) (price(area, rooms, age, distance) * Math.exp(0.08 * rng.nextGaussian()));
    }
    return new TensorDataset(Tensor.of(features, count, 4), Tensor.of(prices, count, 1));
  }

  /** The noise-free price in thousands of euros. */
  static double price(double area, double rooms, double age, double distance) {
    double location = 0.3 + 0.7 * Math.exp(-distance / 6);
    double condition = 1 - 0.009 * age + 0.0001 * age * age;
    return 4.2 * Math.pow(area, 0.9) * location * condition + 12 * rooms;
  }
}
