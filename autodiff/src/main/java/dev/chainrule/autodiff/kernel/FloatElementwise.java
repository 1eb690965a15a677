package dev.chainrule.autodiff.kernel;

import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import com.google.common.base.VerifyException;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise float kernels: {@code out[i] = f(x[i])} and {@code out[i] = f(a[i], b[i])}. Each op has its own
 * vector loop over the first {@code loopBound(n)} elements; the remaining {@code n mod L} elements go through
 * {@link ScalarMath}, the definition.
 */
final class FloatElementwise {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();

  private FloatElementwise() {}

  static void unary(UnaryOp op, double p, float[] x, int xOff, float[] out, int outOff, int n) {
    if (n < L) {
      for (int i = 0; i < n; i++) { // shorter than one vector: no vector is created (see binary)
        out[outOff + i] = (float) ScalarMath.unary(op, p, x[xOff + i]);
      }
      return;
    }
    // POW, SIN and COS (and, in double, TANH) stay scalar, through Math: the Vector API's lane-wise versions give
    // different bits before and after the JIT compiles them, and chainrule's results must not depend on that.
    // SOFTPLUS (log1p), ERF and GELU have no lane-wise operation and stay scalar too.
    int bound = scalarOnly(op) ? 0 : F.loopBound(n);
    float fp = (float) p;
    FloatVector zero = FloatVector.zero(F);
    FloatVector one = FloatVector.broadcast(F, 1f);
    switch (op) {
      case NEG -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector.fromArray(F, x, xOff + i).neg().intoArray(out, outOff + i);
        }
      }
      case EXP, LOG, TANH -> transcendental(op, x, xOff, out, outOff, bound);
      case SQRT -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector.fromArray(F, x, xOff + i).sqrt().intoArray(out, outOff + i);
        }
      }
      case ABS -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector.fromArray(F, x, xOff + i).abs().intoArray(out, outOff + i);
        }
      }
      case SIGN -> {
        // signum keeps +-0 and NaN, so only the strictly positive and negative lanes are replaced
        for (int i = 0; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(F, x, xOff + i);
          v.blend(1f, v.compare(GT, 0f)).blend(-1f, v.compare(LT, 0f)).intoArray(out, outOff + i);
        }
      }
      case SIGMOID -> sigmoid(x, xOff, out, outOff, bound);
      case RELU -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(F, x, xOff + i);
          v.blend(zero, v.compare(VectorOperators.LE, 0f)).intoArray(out, outOff + i); // NaN kept
        }
      }
      case LEAKY_RELU -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(F, x, xOff + i);
          v.mul(fp).blend(v, v.compare(GT, 0f)).intoArray(out, outOff + i);
        }
      }
      case SILU -> silu(x, xOff, out, outOff, bound);
      case POW, SIN, COS, SOFTPLUS, ERF, GELU -> {
        // computed by the scalar loop below
      }
    }
    for (int i = bound; i < n; i++) {
      out[outOff + i] = (float) ScalarMath.unary(op, p, x[xOff + i]);
    }
  }

  private static boolean scalarOnly(UnaryOp op) {
    return switch (op) {
      case POW, SIN, COS, SOFTPLUS, ERF, GELU -> true;
      default -> false;
    };
  }

  /**
   * {@code 1 / (1 + e^-x)} directly: where {@code e^-x} overflows (x < -88.7) it gives exactly 0 rather than NaN,
   * and where it underflows exactly 1; within 2 ulp elsewhere. A method of its own, like each transcendental loop,
   * so that the JIT inlines {@link FloatVectorMath#exp} into it: inside the large {@code unary} switch it ran out
   * of inlining budget and boxed every vector, ten times slower.
   */
  private static void sigmoid(float[] x, int xOff, float[] out, int outOff, int bound) {
    FloatVector one = FloatVector.broadcast(F, 1f);
    for (int i = 0; i < bound; i += L) {
      one.div(FloatVectorMath.exp(FloatVector.fromArray(F, x, xOff + i).neg()).add(one)).intoArray(out, outOff + i);
    }
  }

  /** {@code x * sigmoid(x)}, sigmoid as in {@link #sigmoid}; {@code -0} at {@code -inf}, not {@code -inf * 0}. */
  private static void silu(float[] x, int xOff, float[] out, int outOff, int bound) {
    FloatVector one = FloatVector.broadcast(F, 1f);
    for (int i = 0; i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(F, x, xOff + i);
      FloatVector s = one.div(FloatVectorMath.exp(v.neg()).add(one));
      v.mul(s).blend(-0f, v.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY)).intoArray(out, outOff + i);
    }
  }

  private static void transcendental(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int bound) {
    switch (op) {
      case EXP -> exp(x, xOff, out, outOff, bound);
      case LOG -> log(x, xOff, out, outOff, bound);
      case TANH -> FloatTanh.apply(x, xOff, out, outOff, bound);
      default -> throw new VerifyException("not handled here: " + op);
    }
  }

  /** A loop of its own so that the JIT inlines {@link FloatVectorMath#exp} into it. */
  private static void exp(float[] x, int xOff, float[] out, int outOff, int bound) {
    for (int i = 0; i < bound; i += L) {
      FloatVectorMath.exp(FloatVector.fromArray(F, x, xOff + i)).intoArray(out, outOff + i);
    }
  }

  /** A loop of its own so that the JIT inlines {@link FloatVectorMath#log} into it. */
  private static void log(float[] x, int xOff, float[] out, int outOff, int bound) {
    for (int i = 0; i < bound; i += L) {
      FloatVectorMath.log(FloatVector.fromArray(F, x, xOff + i)).intoArray(out, outOff + i);
    }
  }

  static void binary(BinaryOp op, float[] a, int aOff, boolean aScalar, float[] b, int bOff, boolean bScalar,
      float[] out, int outOff, int n) {
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
    FloatVector as = FloatVector.broadcast(F, a[aOff]);
    FloatVector bs = FloatVector.broadcast(F, b[bOff]);
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
        FloatVector zero = FloatVector.zero(F);
        FloatVector nan = FloatVector.broadcast(F, Float.NaN);
        for (int i = 0; i < bound; i += L) {
          FloatVector g = load(a, aOff, aScalar, as, i);
          FloatVector x = load(b, bOff, bScalar, bs, i);
          nan.blend(zero, x.compare(VectorOperators.LE, 0f).and(g.test(VectorOperators.IS_FINITE)))
              .blend(g, x.compare(GT, 0f)).intoArray(out, outOff + i);
        }
      }
    }
    for (int i = bound; i < n; i++) {
      out[outOff + i] = ScalarMath.binary(op, a[aOff + (aScalar ? 0 : i)], b[bOff + (bScalar ? 0 : i)]);
    }
  }

  /** Comparisons as 1 where true and 0 where false; Java semantics, so only NE holds for NaN. */
  private static void compare(BinaryOp op, float[] a, int aOff, boolean aScalar, FloatVector as, float[] b,
      int bOff, boolean bScalar, FloatVector bs, float[] out, int outOff, int bound) {
    FloatVector zero = FloatVector.zero(F);
    switch (op) {
      case GT -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector va = load(a, aOff, aScalar, as, i);
          zero.blend(1f, va.compare(GT, load(b, bOff, bScalar, bs, i))).intoArray(out, outOff + i);
        }
      }
      case GE -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector va = load(a, aOff, aScalar, as, i);
          zero.blend(1f, va.compare(VectorOperators.GE, load(b, bOff, bScalar, bs, i))).intoArray(out, outOff + i);
        }
      }
      case LT -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector va = load(a, aOff, aScalar, as, i);
          zero.blend(1f, va.compare(LT, load(b, bOff, bScalar, bs, i))).intoArray(out, outOff + i);
        }
      }
      case LE -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector va = load(a, aOff, aScalar, as, i);
          zero.blend(1f, va.compare(VectorOperators.LE, load(b, bOff, bScalar, bs, i))).intoArray(out, outOff + i);
        }
      }
      case EQ -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector va = load(a, aOff, aScalar, as, i);
          zero.blend(1f, va.compare(VectorOperators.EQ, load(b, bOff, bScalar, bs, i))).intoArray(out, outOff + i);
        }
      }
      case NE -> {
        for (int i = 0; i < bound; i += L) {
          FloatVector va = load(a, aOff, aScalar, as, i);
          zero.blend(1f, va.compare(VectorOperators.NE, load(b, bOff, bScalar, bs, i))).intoArray(out, outOff + i);
        }
      }
      default -> throw new VerifyException("not handled here: " + op);
    }
  }

  /** The operand's vector at element {@code i}: its broadcast value when it is a scalar. */
  private static FloatVector load(float[] x, int off, boolean scalar, FloatVector broadcast, int i) {
    return scalar ? broadcast : FloatVector.fromArray(F, x, off + i);
  }
}
