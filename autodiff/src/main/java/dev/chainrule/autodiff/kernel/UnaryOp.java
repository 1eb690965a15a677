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
  POW
}
