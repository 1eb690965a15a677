package dev.chainrule.autodiff.kernel;

import static com.google.common.base.Verify.verify;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix-vector cases of {@link FloatGemm}: {@code C (m x 1) = op(A) b} and {@code C (1 x n) = a op(B)}.
 * The blocked algorithm would pad the single row or column to a full {@code 4 x 2L} tile and pack the whole
 * matrix, wasting most of its work; here each case is one pass over the matrix, in whichever of two forms reads
 * it contiguously:
 *
 * <ul>
 *   <li>a dot product per output element, {@code c_i = sum_p A(i, p) b_p}, when the matrix's rows along
 *       {@code p} are contiguous;
 *   <li>otherwise an AXPY per step of {@code p}, {@code c += b_p A(:, p)}, over contiguous columns.
 * </ul>
 *
 * Strides are those of {@link FloatGemm}. Sums run in a fixed order (lane sums left to right), so results
 * do not depend on the JIT.
 */
final class FloatGemv {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();

  private FloatGemv() {}

  /** {@code C = op(A) op(B)} where {@code m == 1} or {@code n == 1}. */
  static void gemv(int m, int n, int k, float[] a, int aOff, int rsA, int csA, float[] b, int bOff, int rsB,
      int csB, float[] c, int cOff) {
    if (n == 1) {
      // C(i) = sum_p A(i, p) * B(p, 0), and B's column is contiguous (rsB == 1 when n == 1)
      matrixTimesVector(m, k, a, aOff, rsA, csA, b, bOff, c, cOff);
    } else {
      // C(j) = sum_p B(p, j) * A(0, p): the transposed product, with A's row contiguous (csA == 1 when m == 1)
      matrixTimesVector(n, k, b, bOff, csB, rsB, a, aOff, c, cOff);
    }
  }

  /** {@code c_i = sum_p M(i, p) v_p} for {@code i < rows}, {@code M(i, p) = mat[off + i * rs + p * cs]}. */
  private static void matrixTimesVector(int rows, int k, float[] mat, int off, int rs, int cs, float[] v,
      int vOff, float[] c, int cOff) {
    if (cs == 1) {
      for (int i = 0; i < rows; i++) {
        c[cOff + i] = dot(mat, off + i * rs, v, vOff, k);
      }
    } else {
      verify(rs == 1, "gemv: neither stride of the matrix is 1 (rs %s, cs %s)", rs, cs);
      Arrays.fill(c, cOff, cOff + rows, 0f);
      for (int p = 0; p < k; p++) {
        axpy(v[vOff + p], mat, off + p * cs, c, cOff, rows);
      }
    }
  }

  /** {@code sum_p x[xOff + p] * y[yOff + p]} over {@code p < len}. */
  static float dot(float[] x, int xOff, float[] y, int yOff, int len) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int p = 0;
    for (; p <= len - 2 * L; p += 2 * L) {
      acc0 = FloatVector.fromArray(F, x, xOff + p).fma(FloatVector.fromArray(F, y, yOff + p), acc0);
      acc1 = FloatVector.fromArray(F, x, xOff + p + L).fma(FloatVector.fromArray(F, y, yOff + p + L), acc1);
    }
    float sum = FloatVectorMath.sumLanes(acc0.add(acc1));
    for (; p < len; p++) {
      sum += x[xOff + p] * y[yOff + p];
    }
    return sum;
  }

  /** {@code y[yOff + i] += alpha * x[xOff + i]} for {@code i < len}. */
  private static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int len) {
    FloatVector av = FloatVector.broadcast(F, alpha);
    int i = 0;
    for (int bound = F.loopBound(len); i < bound; i += L) {
      av.fma(FloatVector.fromArray(F, x, xOff + i), FloatVector.fromArray(F, y, yOff + i))
          .intoArray(y, yOff + i);
    }
    for (; i < len; i++) {
      y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }
  }
}
