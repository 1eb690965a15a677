package dev.chainrule.autodiff.kernel;

import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import com.google.common.base.VerifyException;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise double kernels: {@code out[i] = f(x[i])} and {@code out[i] = f(a[i], b[i])}. Each op has its own
 * vector loop over the first {@code loopBound(n)} elements; the remaining {@code n mod L} elements go through
 * {@link ScalarMath}, the definition.
 */
final class DoubleElementwise {
  private static final VectorSpecies<Double> F = DoubleVector.SPECIES_PREFERRED;
  private static final int L = F.length();

  private DoubleElementwise() {}

  static void unary(UnaryOp op, double p, double[] x, int xOff, double[] out, int outOff, int n) {
    if (n < L) {
      for (int i = 0; i < n; i++) { // shorter than one vector: no vector is created (see binary)
        out[outOff + i] = ScalarMath.unary(op, p, x[xOff + i]);
      }
      return;
    }
    // POW, SIN, COS and TANH stay scalar, through Math: the Vector API's lane-wise versions give different bits
    // before and after the JIT compiles them, and chainrule's results must not depend on that.
    // SOFTPLUS (log1p), ERF and GELU have no lane-wise operation and stay scalar too.
    int bound = scalarOnly(op) ? 0 : F.loopBound(n);
    DoubleVector zero = DoubleVector.zero(F);
    DoubleVector one = DoubleVector.broadcast(F, 1d);
    switch (op) {
      case NEG -> {
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(F, x, xOff + i).neg().intoArray(out, outOff + i);
        }
      }
      case EXP, LOG, TANH -> transcendental(op, x, xOff, out, outOff, bound);
      case SQRT -> {
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(F, x, xOff + i).sqrt().intoArray(out, outOff + i);
        }
      }
      case ABS -> {
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(F, x, xOff + i).abs().intoArray(out, outOff + i);
        }
      }
      case SIGN -> {
        // signum keeps +-0 and NaN, so only the strictly positive and negative lanes are replaced
        for (int i = 0; i < bound; i += L) {
          DoubleVector v = DoubleVector.fromArray(F, x, xOff + i);
          v.blend(1d, v.compare(GT, 0d)).blend(-1d, v.compare(LT, 0d)).intoArray(out, outOff + i);
        }
      }
      case SIGMOID -> sigmoid(x, xOff, out, outOff, bound);
      case RELU -> {
        for (int i = 0; i < bound; i += L) {
          DoubleVector v = DoubleVector.fromArray(F, x, xOff + i);
          v.blend(zero, v.compare(VectorOperators.LE, 0d)).intoArray(out, outOff + i); // NaN kept
        }
      }
      case LEAKY_RELU -> {
        for (int i = 0; i < bound; i += L) {
          DoubleVector v = DoubleVector.fromArray(F, x, xOff + i);
          v.mul(p).blend(v, v.compare(GT, 0d)).intoArray(out, outOff + i);
        }
      }
      case SILU -> silu(x, xOff, out, outOff, bound);
      case POW, SIN, COS, SOFTPLUS, ERF, GELU -> {
        // computed by the scalar loop below
      }
    }
    for (int i = bound; i < n; i++) {
      out[outOff + i] = ScalarMath.unary(op, p, x[xOff + i]);
    }
  }

  private static boolean scalarOnly(UnaryOp op) {
    return switch (op) {
      case POW, TANH, SIN, COS, SOFTPLUS, ERF, GELU -> true;
      default -> false;
    };
  }

  /** Sigmoid in a method of its own, so that the JIT inlines {@link DoubleVectorMath#exp} (see FloatElementwise). */
  private static void sigmoid(double[] x, int xOff, double[] out, int outOff, int bound) {
    DoubleVector one = DoubleVector.broadcast(F, 1.0);
    // e = exp(-|x|) never overflows: sigmoid = 1 / (1 + e) for x >= 0, e / (1 + e) otherwise
    for (int i = 0; i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(F, x, xOff + i);
      DoubleVector e = DoubleVectorMath.exp(v.abs().neg());
      e.blend(one, v.compare(VectorOperators.GE, 0d)).div(e.add(one)).intoArray(out, outOff + i);
    }
  }

  /** {@code x * sigmoid(x)}, sigmoid as in {@link #sigmoid}; {@code -0} at {@code -inf}, not {@code -inf * 0}. */
  private static void silu(double[] x, int xOff, double[] out, int outOff, int bound) {
    DoubleVector one = DoubleVector.broadcast(F, 1.0);
    for (int i = 0; i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(F, x, xOff + i);
      DoubleVector e = DoubleVectorMath.exp(v.abs().neg());
      DoubleVector s = e.blend(one, v.compare(VectorOperators.GE, 0d)).div(e.add(one));
      v.mul(s).blend(-0d, v.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY)).intoArray(out, outOff + i);
    }
  }

  private static void transcendental(UnaryOp op, double[] x, int xOff, double[] out, int outOff, int bound) {
    switch (op) {
      case EXP -> exp(x, xOff, out, outOff, bound);
      case LOG -> log(x, xOff, out, outOff, bound);
      case TANH -> {
        // computed by the scalar loop at the end of unary, through Math.tanh
      }
      default -> throw new VerifyException("not handled here: " + op);
    }
  }

  /** A loop of its own so that the JIT inlines {@link DoubleVectorMath#exp} into it. */
  private static void exp(double[] x, int xOff, double[] out, int outOff, int bound) {
    for (int i = 0; i < bound; i += L) {
      DoubleVectorMath.exp(DoubleVector.fromArray(F, x, xOff + i)).intoArray(out, outOff + i);
    }
  }

  /** A loop of its own so that the JIT inlines {@link DoubleVectorMath#log} into it. */
  private static void log(double[] x, int xOff, double[] out, int outOff, int bound) {
    for (int i = 0; i < bound; i += L) {
      DoubleVectorMath.log(DoubleVector.fromArray(F, x, xOff + i)).intoArray(out, outOff + i);
    }
  }

  static void binary(BinaryOp op, double[] a, int aOff, boolean aScalar, double[] b, int bOff, boolean bScalar,
      double[] out, int outOff, int n) {
    if (n == 0) {
      return;
    }
    if (aScalar && bScalar) {
      Arrays.fill(out, outOff, outOff + n, ScalarMath.binary(op, a[aOff], b[bOff]));
      return;
    }
    if (n < L) {
      // Shorter than one vector (a scalar graph's every op): the scalar loop alone, so that no vector is created;
      // the same arithmetic as the tail below, so the same bits.
      for (int i = 0; i < n; i++) {
        out[outOff + i] = ScalarMath.binary(op, a[aOff + (aScalar ? 0 : i)], b[bOff + (bScalar ? 0 : i)]);
      }
      return;
    }
    int bound = op == BinaryOp.POW ? 0 : F.loopBound(n); // POW through Math, as in unary
    DoubleVector as = DoubleVector.broadcast(F, a[aOff]);
    DoubleVector bs = DoubleVector.broadcast(F, b[bOff]);
    switch (op) {
      case ADD -> {
        for (int i = 0; i < bound; i += L) {
          load(a, aOff, aScalar, as, i).add(load(b, bOff, bScalar, bs, i)).intoArray(out, outOff + i);
        }
      }
      case SUB -> {
        for (int i = 0; i < bound; i += L) {
          load(a, aOff, aScalar, as, i).sub(load(b, bOff, bScalar, bs, i)).intoArray(out, outOff + i);
        }
      }
      case MUL -> {
        for (int i = 0; i < bound; i += L) {
          load(a, aOff, aScalar, as, i).mul(load(b, bOff, bScalar, bs, i)).intoArray(out, outOff + i);
        }
      }
      case DIV -> {
        for (int i = 0; i < bound; i += L) {
          load(a, aOff, aScalar, as, i).div(load(b, bOff, bScalar, bs, i)).intoArray(out, outOff + i);
        }
      }
      case POW -> {
        // computed by the scalar loop below
      }
      case MAX -> {
        for (int i = 0; i < bound; i += L) {
          load(a, aOff, aScalar, as, i).max(load(b, bOff, bScalar, bs, i)).intoArray(out, outOff + i);
        }
      }
      case MIN -> {
        for (int i = 0; i < bound; i += L) {
          load(a, aOff, aScalar, as, i).min(load(b, bOff, bScalar, bs, i)).intoArray(out, outOff + i);
        }
      }
      case GT, GE, LT, LE, EQ, NE -> compare(op, a, aOff, aScalar, as, b, bOff, bScalar, bs, out, outOff, bound);
      case RELU_BACKWARD -> {
        // g where x > 0; 0 where x <= 0 and g is finite; NaN otherwise (see ScalarMath)
        DoubleVector zero = DoubleVector.zero(F);
        DoubleVector nan = DoubleVector.broadcast(F, Double.NaN);
        for (int i = 0; i < bound; i += L) {
          DoubleVector g = load(a, aOff, aScalar, as, i);
          DoubleVector x = load(b, bOff, bScalar, bs, i);
          nan.blend(zero, x.compare(VectorOperators.LE, 0d).and(g.test(VectorOperators.IS_FINITE)))
              .blend(g, x.compare(GT, 0d)).intoArray(out, outOff + i);
        }
      }
    }
    for (int i = bound; i < n; i++) {
      out[outOff + i] = ScalarMath.binary(op, a[aOff + (aScalar ? 0 : i)], b[bOff + (bScalar ? 0 : i)]);
    }
  }

  /** Comparisons as 1 where true and 0 where false; Java semantics, so only NE holds for NaN. */
  private static void compare(BinaryOp op, double[] a, int aOff, boolean aScalar, DoubleVector as, double[] b,
      int bOff, boolean bScalar, DoubleVector bs, double[] out, int outOff, int bound) {
    DoubleVector zero = DoubleVector.zero(F);
    switch (op) {
      case GT -> {
        for (int i = 0; i < bound; i += L) {
          DoubleVector va = load(a, aOff, aScalar, as, i);
          zero.blend(1d, va.compare(GT, load(b, bOff, bScalar, bs, i))).intoArray(out, outOff + i);
        }
      }
      case GE -> {
        for (int i = 0; i < bound; i += L) {
          DoubleVector va = load(a, aOff, aScalar, as, i);
          zero.blend(1d, va.compare(VectorOperators.GE, load(b, bOff, bScalar, bs, i))).intoArray(out, outOff + i);
        }
      }
      case LT -> {
        for (int i = 0; i < bound; i += L) {
          DoubleVector va = load(a, aOff, aScalar, as, i);
          zero.blend(1d, va.compare(LT, load(b, bOff, bScalar, bs, i))).intoArray(out, outOff + i);
        }
      }
      case LE -> {
        for (int i = 0; i < bound; i += L) {
          DoubleVector va = load(a, aOff, aScalar, as, i);
          zero.blend(1d, va.compare(VectorOperators.LE, load(b, bOff, bScalar, bs, i))).intoArray(out, outOff + i);
        }
      }
      case EQ -> {
        for (int i = 0; i < bound; i += L) {
          DoubleVector va = load(a, aOff, aScalar, as, i);
          zero.blend(1d, va.compare(VectorOperators.EQ, load(b, bOff, bScalar, bs, i))).intoArray(out, outOff + i);
        }
      }
      case NE -> {
        for (int i = 0; i < bound; i += L) {
          DoubleVector va = load(a, aOff, aScalar, as, i);
          zero.blend(1d, va.compare(VectorOperators.NE, load(b, bOff, bScalar, bs, i))).intoArray(out, outOff + i);
        }
      }
      default -> throw new VerifyException("not handled here: " + op);
    }
  }

  /** The operand's vector at element {@code i}: its broadcast value when it is a scalar. */
  private static DoubleVector load(double[] x, int off, boolean scalar, DoubleVector broadcast, int i) {
    return scalar ? broadcast : DoubleVector.fromArray(F, x, off + i);
  }
}
