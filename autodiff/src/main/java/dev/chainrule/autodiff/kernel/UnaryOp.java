package dev.chainrule.autodiff.kernel;

/**
 * Elementwise functions of one argument, {@code out[i] = f(x[i])}. Some take a parameter {@code p}
 * (ignored by the others). Every one gives NaN for a NaN argument.
 */
public enum UnaryOp {
  /** {@code -x} */
  NEG,
  /** {@code e^x} */
  EXP,
  /** {@code ln x} */
  LOG,
  /** {@code sqrt x} */
  SQRT,
  /** {@code |x|} */
  ABS,
  /** {@code sign x} in {-1, 0, 1} */
  SIGN,
  /** {@code 1 / (1 + e^-x)} */
  SIGMOID,
  /** {@code tanh x} */
  TANH,
  /** {@code max(x, 0)}; NaN stays NaN */
  RELU,
  /** {@code x > 0 ? x : p * x} */
  LEAKY_RELU,
  /** {@code x^p} */
  POW,
  /** {@code sin x} */
  SIN,
  /** {@code cos x} */
  COS,
  /** {@code ln(1 + e^x)}, and {@code x} itself for {@code x > 20} ({@link #SOFTPLUS_THRESHOLD}) */
  SOFTPLUS,
  /** {@code x * sigmoid(x)}; {@code -0} at {@code -inf} */
  SILU,
  /** the error function {@code 2/sqrt(pi) int_0^x e^(-t^2) dt} */
  ERF,
  /** {@code x/2 * (1 + erf(x / sqrt 2))}, computed as {@code x/2 * erfc(-x / sqrt 2)}; {@code -0} at {@code -inf} */
  GELU;

  /**
   * Above this softplus is {@code x} itself, as in PyTorch's default: {@code ln(1 + e^x) - x = ln(1 + e^-x)} is
   * below {@code 2.1e-9} there.
   */
  public static final double SOFTPLUS_THRESHOLD = 20;
}
