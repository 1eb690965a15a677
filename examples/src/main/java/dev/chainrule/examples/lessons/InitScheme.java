package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.init.Init;

/**
 * How the weights {@code W[l]} of shape {@code (n[l], n[l-1])} start; biases start at 0 in every scheme.
 *
 * <pre>
 *   zeros         W = 0
 *   small random  W ~ N(0, 0.01^2)
 *   Xavier        W ~ N(0, 2 / (n[l-1] + n[l]))   keeps the variance of activations level through tanh layers
 *   He            W ~ N(0, 2 / n[l-1])            the same through ReLU layers, which zero half their inputs
 * </pre>
 */
enum InitScheme {
  ZEROS("zeros"),
  SMALL_RANDOM("small random"),
  XAVIER("Xavier"),
  HE("He");

  private final String label;

  InitScheme(String label) {
    this.label = label;
  }

  /** The name as printed and in chart legends. */
  String label() {
    return label;
  }

  /** Overwrites {@code weight} in place by this scheme, drawing from {@code rng}. */
  void initialize(Tensor weight, Rng rng) {
    switch (this) {
      case ZEROS -> Init.zeros(weight);
      case SMALL_RANDOM -> Init.smallRandom(weight, rng);
      case XAVIER -> Init.xavierNormal(weight, rng);
      case HE -> Init.kaimingNormal(weight, rng);
    }
  }
}
