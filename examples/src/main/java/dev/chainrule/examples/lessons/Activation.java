package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Tensor;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * The elementwise activations of the course, each as the tensor op autodiff differentiates and as the closed form
 * of its derivative, computed in plain Java:
 *
 * <pre>
 *   sigmoid     s(x) = 1 / (1 + e^-x)           s'(x) = s(x) (1 - s(x))
 *   tanh        t(x) = tanh x                   t'(x) = 1 - t(x)^2
 *   ReLU        r(x) = max(0, x)                r'(x) = 1 if x &gt; 0, else 0
 *   leaky ReLU  l(x) = x if x &gt; 0, else a x     l'(x) = 1 if x &gt; 0, else a
 * </pre>
 *
 * <p>At the kink {@code x = 0} ReLU has no derivative; like the course (and autodiff) the formulas take the
 * left one there.
 */
enum Activation {
  SIGMOID("sigmoid", "s(1 - s)", Tensor::sigmoid, x -> {
    double s = 1 / (1 + Math.exp(-x));
    return s * (1 - s);
  }),
  TANH("tanh", "1 - tanh^2", Tensor::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x)),
  RELU("relu", "[x > 0]", Tensor::relu, x -> x > 0 ? 1 : 0),
  LEAKY_RELU("leaky-relu", "1 or " + Activation.LEAKY_SLOPE, t -> t.leakyRelu(Activation.LEAKY_SLOPE),
      x -> x > 0 ? 1 : Activation.LEAKY_SLOPE);

  /**
   * The slope of leaky ReLU for negative inputs. The course uses 0.01; 0.1 is used here so that the slope can be
   * told from ReLU's 0 in a picture.
   */
  static final double LEAKY_SLOPE = 0.1;

  private final String label;
  private final String formula;
  private final UnaryOperator<Tensor> op;
  private final DoubleUnaryOperator derivative;

  Activation(String label, String formula, UnaryOperator<Tensor> op, DoubleUnaryOperator derivative) {
    this.label = label;
    this.formula = formula;
    this.op = op;
    this.derivative = derivative;
  }

  /** The name used in file names and printed tables, e.g. {@code leaky-relu}. */
  String label() {
    return label;
  }

  /** The derivative's closed form as printed, e.g. {@code s(1 - s)}. */
  String formula() {
    return formula;
  }

  /** The activation applied by its tensor op, recorded for backward when {@code x} needs a gradient. */
  Tensor apply(Tensor x) {
    return op.apply(x);
  }

  /** The derivative from its closed form. */
  double derivative(double x) {
    return derivative.applyAsDouble(x);
  }
}
