package dev.chainrule.autodiff.kernel;

/**
 * The scalar definition of every elementwise op: the reference the vector kernels are checked against.
 *
 * <p>NaN propagates through every op but the comparisons, which are predicates (NaN compares false, and
 * unequal, as in IEEE 754): a selecting op is written so that NaN falls on the side that keeps it. ReLU's
 * gradient {@code RELU_BACKWARD(g, x)} is the product {@code g * relu'(x)} in IEEE arithmetic, with
 * {@code relu'(x)} 1 for {@code x > 0}, 0 for {@code x <= 0} and NaN for a NaN {@code x}: so NaN where either
 * is NaN, and NaN where {@code x <= 0} and {@code g} is infinite ({@code inf * 0}); its zeros are +0, as in
 * PyTorch's {@code threshold_backward}.
 */
final class ScalarMath {
  private static final double SQRT_HALF = 0.7071067811865476;

  private ScalarMath() {}

  static double unary(UnaryOp op, double p, double x) {
    return switch (op) {
      case NEG -> -x;
      case EXP -> Math.exp(x);
      case LOG -> Math.log(x);
      case SQRT -> Math.sqrt(x);
      case ABS -> Math.abs(x);
      case SIGN -> Math.signum(x);
      case SIGMOID -> sigmoid(x);
      case TANH -> Math.tanh(x);
      case RELU -> x <= 0 ? 0 : x; // NaN is not <= 0: it passes through
      case LEAKY_RELU -> x > 0 ? x : p * x;
      case POW -> Math.pow(x, p);
      case SIN -> Math.sin(x);
      case COS -> Math.cos(x);
      case SOFTPLUS -> x > UnaryOp.SOFTPLUS_THRESHOLD ? x : Math.log1p(Math.exp(x)); // NaN is not > 20: log1p(NaN)
      case SILU -> x == Double.NEGATIVE_INFINITY ? -0.0 : x * sigmoid(x); // not -inf * 0
      case ERF -> ErrorFunction.erf(x);
      case GELU -> x == Double.NEGATIVE_INFINITY ? -0.0 : 0.5 * x * ErrorFunction.erfc(-x * SQRT_HALF);
    };
  }

  /** {@code 1 / (1 + e^-x)}, through {@code e^x} for negative {@code x} so that nothing overflows. */
  private static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }

  static double binary(BinaryOp op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case POW -> Math.pow(a, b);
      case MAX -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
      case MIN -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
      case GT -> a > b ? 1 : 0;
      case GE -> a >= b ? 1 : 0;
      case LT -> a < b ? 1 : 0;
      case LE -> a <= b ? 1 : 0;
      case EQ -> a == b ? 1 : 0;
      case NE -> a != b ? 1 : 0;
      case RELU_BACKWARD -> b > 0 ? a : b <= 0 && Double.isFinite(a) ? 0 : Double.NaN;
    };
  }

  static float binary(BinaryOp op, float a, float b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      default -> (float) binary(op, (double) a, (double) b);
    };
  }
}
