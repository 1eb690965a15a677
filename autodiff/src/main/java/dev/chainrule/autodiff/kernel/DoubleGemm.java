package dev.chainrule.autodiff.kernel;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double GEMM {@code C = op(A) op(B)}, blocked as in BLIS/GotoBLAS.
 *
 * <p>Element {@code (i, p)} of {@code op(A)} is {@code a[aOff + i * rsA + p * csA]} and element {@code (p, j)}
 * of {@code op(B)} is {@code b[bOff + p * rsB + j * csB]}; a transposed operand only swaps its two strides,
 * and packing reads through them, so the transposition costs nothing after packing. Loops, outermost first:
 * columns of C in blocks of {@link #NC}; {@code k} in blocks of {@link #KC}, packing {@code op(B)}'s
 * {@code KC x NC} block into panels of {@link #NR} columns ({@code panel[p * NR + c]}); rows of C in blocks of
 * {@link #MC}, packing {@code op(A)}'s {@code MC x KC} block into panels of {@link #MR} rows
 * ({@code panel[p * MR + r]}); then every {@code MR x NR} tile of C is one micro-kernel call. Panels are
 * zero-padded to full tiles, so the micro-kernel has no edge cases; only the store of an edge tile is partial.
 *
 * <p>The micro-kernel keeps the {@code 4 x 2L} tile of C in 8 vector registers (AVX2: 4 x 8 doubles) and for
 * each {@code p} does two loads of B, four broadcasts of A and eight FMAs; see {@link FloatGemm} for why the
 * tile is 4 rows and not 6. The body is written out, not factored into helpers, so that C2 compiles it as one
 * loop.
 *
 * <p>A product with a single row or column of C goes to {@link DoubleGemv} instead, which reads the matrix once
 * without packing.
 */
final class DoubleGemm {
  private static final VectorSpecies<Double> F = DoubleVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  static final int MR = 4;
  static final int NR = 2 * L;
  /** Depth of a block: one {@code KC x NR} panel of B (16 KiB on AVX2) stays in L1. */
  private static final int KC = 256;
  /** Rows of a block: the {@code MC x KC} packed A (256 KiB) stays in L2. */
  private static final int MC = 32 * MR;
  /** Columns of a block: the packed {@code KC x NC} B (4 MiB) stays in L3. */
  private static final int NC = 2048 / NR * NR;

  private DoubleGemm() {}

  static void gemm(int m, int n, int k, double[] a, int aOff, boolean transA, double[] b, int bOff,
      boolean transB, double[] c, int cOff) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      Arrays.fill(c, cOff, cOff + m * n, 0d);
      return;
    }
    int rsA = transA ? 1 : k;
    int csA = transA ? m : 1;
    int rsB = transB ? 1 : n;
    int csB = transB ? k : 1;
    if (m == 1 || n == 1) {
      DoubleGemv.gemv(m, n, k, a, aOff, rsA, csA, b, bOff, rsB, csB, c, cOff);
      return;
    }
    GemmPartition split = new GemmPartition(m, n, k, MR, NR);
    if (split.tasks == 1) {
      serial(m, n, k, a, aOff, rsA, csA, b, bOff, rsB, csB, c, cOff, n, false);
      return;
    }
    Parallelism.run(split.tasks, t -> {
      int lo = split.start(t);
      int hi = split.start(t + 1);
      if (split.byRows) {
        serial(hi - lo, n, k, a, aOff + lo * rsA, rsA, csA, b, bOff, rsB, csB, c, cOff + lo * n, n, false);
      } else {
        serial(m, hi - lo, k, a, aOff, rsA, csA, b, bOff + lo * csB, rsB, csB, c, cOff + lo, n, false);
      }
    });
  }

  /**
   * {@code C (+)= op(A) op(B)} on the calling thread, with C's rows {@code ldc} apart: overwritten, or added to
   * when {@code accumulate}. For callers that already run one task per thread (a convolution's images) and for
   * products that fill a strided block of a larger matrix; {@code k == 0} leaves an accumulated C as it was.
   */
  static void onThisThread(int m, int n, int k, double[] a, int aOff, boolean transA, double[] b, int bOff,
      boolean transB, double[] c, int cOff, int ldc, boolean accumulate) {
    if (k == 0) {
      for (int i = 0; i < m && !accumulate; i++) {
        Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0);
      }
      return;
    }
    serial(m, n, k, a, aOff, transA ? 1 : k, transA ? m : 1, b, bOff, transB ? 1 : n, transB ? k : 1, c, cOff, ldc,
        accumulate);
  }

  /**
   * The blocked algorithm on one thread; {@code C(i, j)} is {@code c[cOff + i * ldc + j]}, overwritten or, when
   * {@code accumulate}, added to.
   */
  private static void serial(int m, int n, int k, double[] a, int aOff, int rsA, int csA, double[] b, int bOff,
      int rsB, int csB, double[] c, int cOff, int ldc, boolean accumulate) {
    if (m == 0 || n == 0) {
      return;
    }
    int kcMax = Math.min(k, KC);
    double[] packedA = new double[roundUp(Math.min(m, MC), MR) * kcMax];
    double[] packedB = new double[roundUp(Math.min(n, NC), NR) * kcMax];
    double[] tile = new double[MR * NR];
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        packB(kc, nc, b, bOff + pc * rsB + jc * csB, rsB, csB, packedB);
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          packA(mc, kc, a, aOff + ic * rsA + pc * csA, rsA, csA, packedA);
          for (int jr = 0; jr < nc; jr += NR) {
            for (int ir = 0; ir < mc; ir += MR) {
              microKernel(kc, packedA, ir * kc, packedB, jr * kc, tile);
              store(tile, Math.min(MR, mc - ir), Math.min(NR, nc - jr), c, cOff + (ic + ir) * ldc + jc + jr, ldc,
                  pc > 0 || accumulate);
            }
          }
        }
      }
    }
  }

  private static int roundUp(int x, int multiple) {
    return (x + multiple - 1) / multiple * multiple;
  }

  /** Packs the {@code mc x kc} block of {@code op(A)} at {@code base} into zero-padded panels of MR rows. */
  private static void packA(int mc, int kc, double[] a, int base, int rsA, int csA, double[] packed) {
    int dst = 0;
    for (int i0 = 0; i0 < mc; i0 += MR) {
      int rows = Math.min(MR, mc - i0);
      for (int p = 0; p < kc; p++) {
        int src = base + i0 * rsA + p * csA;
        for (int r = 0; r < rows; r++) {
          packed[dst + r] = a[src + r * rsA];
        }
        for (int r = rows; r < MR; r++) {
          packed[dst + r] = 0d;
        }
        dst += MR;
      }
    }
  }

  /** Packs the {@code kc x nc} block of {@code op(B)} at {@code base} into zero-padded panels of NR columns. */
  private static void packB(int kc, int nc, double[] b, int base, int rsB, int csB, double[] packed) {
    int dst = 0;
    for (int j0 = 0; j0 < nc; j0 += NR) {
      int cols = Math.min(NR, nc - j0);
      for (int p = 0; p < kc; p++) {
        int src = base + p * rsB + j0 * csB;
        if (csB == 1 && cols == NR) {
          System.arraycopy(b, src, packed, dst, NR);
        } else {
          for (int col = 0; col < cols; col++) {
            packed[dst + col] = b[src + col * csB];
          }
          for (int col = cols; col < NR; col++) {
            packed[dst + col] = 0d;
          }
        }
        dst += NR;
      }
    }
  }

  /**
   * {@code tile (MR x NR, row-major) = sum over p < kc of A-panel column p times B-panel row p}, the panels
   * starting at {@code aBase} and {@code bBase}.
   */
  private static void microKernel(int kc, double[] pa, int aBase, double[] pb, int bBase, double[] tile) {
    DoubleVector c00 = DoubleVector.zero(F);
    DoubleVector c01 = DoubleVector.zero(F);
    DoubleVector c10 = DoubleVector.zero(F);
    DoubleVector c11 = DoubleVector.zero(F);
    DoubleVector c20 = DoubleVector.zero(F);
    DoubleVector c21 = DoubleVector.zero(F);
    DoubleVector c30 = DoubleVector.zero(F);
    DoubleVector c31 = DoubleVector.zero(F);
    for (int p = 0; p < kc; p++) {
      int ai = aBase + p * MR;
      int bi = bBase + p * NR;
      DoubleVector b0 = DoubleVector.fromArray(F, pb, bi);
      DoubleVector b1 = DoubleVector.fromArray(F, pb, bi + L);
      DoubleVector av = DoubleVector.broadcast(F, pa[ai]);
      c00 = av.fma(b0, c00);
      c01 = av.fma(b1, c01);
      av = DoubleVector.broadcast(F, pa[ai + 1]);
      c10 = av.fma(b0, c10);
      c11 = av.fma(b1, c11);
      av = DoubleVector.broadcast(F, pa[ai + 2]);
      c20 = av.fma(b0, c20);
      c21 = av.fma(b1, c21);
      av = DoubleVector.broadcast(F, pa[ai + 3]);
      c30 = av.fma(b0, c30);
      c31 = av.fma(b1, c31);
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, L);
    c10.intoArray(tile, NR);
    c11.intoArray(tile, NR + L);
    c20.intoArray(tile, 2 * NR);
    c21.intoArray(tile, 2 * NR + L);
    c30.intoArray(tile, 3 * NR);
    c31.intoArray(tile, 3 * NR + L);
  }

  /** Writes (or, when {@code accumulate}, adds) the top-left {@code rows x cols} of the tile into C. */
  private static void store(double[] tile, int rows, int cols, double[] c, int base, int ldc, boolean accumulate) {
    for (int r = 0; r < rows; r++) {
      int dst = base + r * ldc;
      int src = r * NR;
      if (cols == NR) {
        DoubleVector t0 = DoubleVector.fromArray(F, tile, src);
        DoubleVector t1 = DoubleVector.fromArray(F, tile, src + L);
        if (accumulate) {
          t0 = t0.add(DoubleVector.fromArray(F, c, dst));
          t1 = t1.add(DoubleVector.fromArray(F, c, dst + L));
        }
        t0.intoArray(c, dst);
        t1.intoArray(c, dst + L);
      } else {
        for (int col = 0; col < cols; col++) {
          c[dst + col] = accumulate ? c[dst + col] + tile[src + col] : tile[src + col];
        }
      }
    }
  }
}
