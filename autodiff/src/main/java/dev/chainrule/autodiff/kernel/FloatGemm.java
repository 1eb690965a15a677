package dev.chainrule.autodiff.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float GEMM {@code C = op(A) op(B)}, blocked as in BLIS/GotoBLAS.
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
 * <p>The micro-kernel keeps the {@code 4 x 2L} tile of C in 8 vector registers (AVX2: 4 x 16 floats) and for
 * each {@code p} does two loads of B, four broadcasts of A and eight FMAs. Eight independent FMA chains cover
 * the FMA latency times the two FMA pipes of the AVX2 machine we measure on (4 cycles x 2). A 6 x 2L tile
 * (12 accumulators) runs as fast on JDK 17 but JDK 25's C2 hoists the broadcasts, runs out of the 16 ymm
 * registers and spills an accumulator to the stack inside the loop, halving the speed. The body is written
 * out, not factored into helpers, so that C2 compiles it as one loop. With 512-bit vectors (AVX-512, 32 zmm
 * registers) the tile is {@code 8 x 2L} instead, 16 accumulators that two B loads feed: the GEMM of a CNN's
 * convolution (32 x 196 x 144) went from about 70 to 80 GFLOP/s of the 116 peak of one Zen 4 core.
 *
 * <p>A product with a single row or column of C goes to {@link FloatGemv} instead, which reads the matrix once
 * without packing, and one with a handful of outputs and a long depth to {@link FloatDots}.
 */
final class FloatGemm {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  static final int MR = L >= 16 ? 8 : 4;
  static final int NR = 2 * L;
  /** Depth of a block: one {@code KC x NR} panel of B (16 KiB on AVX2) stays in L1. */
  private static final int KC = 256;
  /** Rows of a block: the {@code MC x KC} packed A (128 KiB) stays in L2. */
  private static final int MC = 32 * MR;
  /** Columns of a block: the packed {@code KC x NC} B (2 MiB) stays in L3. */
  private static final int NC = 2048 / NR * NR;

  /**
   * Packing buffers of each thread, kept between calls: a training step makes a dozen small products, and
   * allocating (and zeroing) up to half a megabyte of panels for each was a measurable share of its time. Every
   * packing pass overwrites what it later reads, padding included, so stale contents never matter.
   */
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private static final class Buffers {
    private float[] a = new float[0];
    private float[] b = new float[0];
    final float[] tile = new float[MR * NR];

    float[] packedA(int size) {
      if (a.length < size) {
        a = new float[size];
      }
      return a;
    }

    float[] packedB(int size) {
      if (b.length < size) {
        b = new float[size];
      }
      return b;
    }
  }

  private FloatGemm() {}

  static void gemm(int m, int n, int k, float[] a, int aOff, boolean transA, float[] b, int bOff,
      boolean transB, float[] c, int cOff) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      Arrays.fill(c, cOff, cOff + m * n, 0f);
      return;
    }
    int rsA = transA ? 1 : k;
    int csA = transA ? m : 1;
    int rsB = transB ? 1 : n;
    int csB = transB ? k : 1;
    if (m == 1 || n == 1) {
      FloatGemv.gemv(m, n, k, a, aOff, rsA, csA, b, bOff, rsB, csB, c, cOff);
      return;
    }
    if (FloatDots.fits(m, n, k, csA, rsB)) {
      FloatDots.gemm(m, n, k, a, aOff, rsA, b, bOff, csB, c, cOff);
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
   * products that fill a strided block of a larger matrix; {@code k == 0} leaves an accumulated C as it was. A
   * handful of outputs over a long depth, both operands contiguous along it, are dot products ({@link FloatDots}).
   */
  static void onThisThread(int m, int n, int k, float[] a, int aOff, boolean transA, float[] b, int bOff,
      boolean transB, float[] c, int cOff, int ldc, boolean accumulate) {
    if (k == 0) {
      for (int i = 0; i < m && !accumulate; i++) {
        Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0);
      }
      return;
    }
    if (!transA && transB && (long) m * n <= FloatDots.MAX_OUTPUTS && k >= FloatDots.MIN_DEPTH_ON_THIS_THREAD) {
      FloatDots.onThisThread(m, n, k, a, aOff, k, b, bOff, k, c, cOff, ldc, accumulate);
      return;
    }
    serial(m, n, k, a, aOff, transA ? 1 : k, transA ? m : 1, b, bOff, transB ? 1 : n, transB ? k : 1, c, cOff, ldc,
        accumulate);
  }

  /**
   * The blocked algorithm on one thread; {@code C(i, j)} is {@code c[cOff + i * ldc + j]}, overwritten or, when
   * {@code accumulate}, added to.
   */
  private static void serial(int m, int n, int k, float[] a, int aOff, int rsA, int csA, float[] b, int bOff,
      int rsB, int csB, float[] c, int cOff, int ldc, boolean accumulate) {
    if (m == 0 || n == 0) {
      return;
    }
    // k in equal blocks of at most KC: 784 is 4 x 196, not 3 x 256 + 16, whose last thin block would cost a
    // whole pass of loads and stores over C for little arithmetic.
    int kBlocks = (k + KC - 1) / KC;
    int kcMax = (k + kBlocks - 1) / kBlocks;
    Buffers buffers = BUFFERS.get();
    float[] packedA = buffers.packedA(roundUp(Math.min(m, MC), MR) * kcMax);
    float[] packedB = buffers.packedB(roundUp(Math.min(n, NC), NR) * kcMax);
    float[] tile = buffers.tile;
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += kcMax) {
        int kc = Math.min(kcMax, k - pc);
        packB(kc, nc, b, bOff + pc * rsB + jc * csB, rsB, csB, packedB);
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          packA(mc, kc, a, aOff + ic * rsA + pc * csA, rsA, csA, packedA);
          for (int jr = 0; jr < nc; jr += NR) {
            for (int ir = 0; ir < mc; ir += MR) {
              int rows = Math.min(MR, mc - ir);
              int cols = Math.min(NR, nc - jr);
              multiplyTile(kc, packedA, ir * kc, packedB, jr * kc, tile);
              store(tile, rows, cols, c, cOff + (ic + ir) * ldc + jc + jr, ldc, pc > 0 || accumulate);
            }
          }
        }
      }
    }
  }

  private static int roundUp(int x, int multiple) {
    return (x + multiple - 1) / multiple * multiple;
  }

  /**
   * Packs the {@code mc x kc} block of {@code op(A)} at {@code base} into zero-padded panels of MR rows. Full
   * panels take a path per layout: a transposed A has its MR values of one {@code p} side by side; a plain A is
   * read row by row, each row contiguous.
   */
  private static void packA(int mc, int kc, float[] a, int base, int rsA, int csA, float[] packed) {
    int dst = 0;
    for (int i0 = 0; i0 < mc; i0 += MR) {
      int rows = Math.min(MR, mc - i0);
      int panel = base + i0 * rsA;
      if (rows == MR && rsA == 1) {
        for (int p = 0; p < kc; p++) {
          int src = panel + p * csA;
          for (int r = 0; r < MR; r++) {
            packed[dst + r] = a[src + r];
          }
          dst += MR;
        }
      } else if (rows == MR && csA == 1) {
        for (int r = 0; r < MR; r++) {
          int src = panel + r * rsA;
          for (int p = 0; p < kc; p++) {
            packed[dst + p * MR + r] = a[src + p];
          }
        }
        dst += kc * MR;
      } else {
        for (int p = 0; p < kc; p++) {
          int src = panel + p * csA;
          for (int r = 0; r < rows; r++) {
            packed[dst + r] = a[src + r * rsA];
          }
          for (int r = rows; r < MR; r++) {
            packed[dst + r] = 0f;
          }
          dst += MR;
        }
      }
    }
  }

  /**
   * Packs the {@code kc x nc} block of {@code op(B)} at {@code base} into zero-padded panels of NR columns. Full
   * panels take a path per layout: a plain B has the NR values of one {@code p} side by side (two vector
   * copies); a transposed B (a {@code Linear} weight) is read column by column, each contiguous in memory.
   */
  private static void packB(int kc, int nc, float[] b, int base, int rsB, int csB, float[] packed) {
    int dst = 0;
    for (int j0 = 0; j0 < nc; j0 += NR) {
      int cols = Math.min(NR, nc - j0);
      int panel = base + j0 * csB;
      if (cols == NR && csB == 1) {
        for (int p = 0; p < kc; p++) {
          int src = panel + p * rsB;
          FloatVector.fromArray(F, b, src).intoArray(packed, dst);
          FloatVector.fromArray(F, b, src + L).intoArray(packed, dst + L);
          dst += NR;
        }
      } else if (cols == NR && rsB == 1) {
        for (int col = 0; col < NR; col++) {
          int src = panel + col * csB;
          for (int p = 0; p < kc; p++) {
            packed[dst + p * NR + col] = b[src + p];
          }
        }
        dst += kc * NR;
      } else {
        for (int p = 0; p < kc; p++) {
          int src = panel + p * rsB;
          for (int col = 0; col < cols; col++) {
            packed[dst + col] = b[src + col * csB];
          }
          for (int col = cols; col < NR; col++) {
            packed[dst + col] = 0f;
          }
          dst += NR;
        }
      }
    }
  }

  /** The micro-kernel of this vector width. */
  private static void multiplyTile(int kc, float[] pa, int aBase, float[] pb, int bBase, float[] tile) {
    if (MR == 8) {
      microKernel8(kc, pa, aBase, pb, bBase, tile);
    } else {
      microKernel(kc, pa, aBase, pb, bBase, tile);
    }
  }

  /**
   * {@code tile (MR x NR, rows NR apart) = sum over p < kc of A-panel column p times B-panel row p}, the panels
   * starting at {@code aBase} and {@code bBase}; {@link #store} then writes or adds the tile into C.
   *
   * <p>The kernel always writes a scratch tile and has no branch: with an {@code accumulate} branch that loaded
   * and added C in place, C2 compiled the kernel after its first deoptimisation (when the branch was first taken)
   * without intrinsifying its FMAs in most runs, so every FMA allocated its result (22 MB per 32 x 1024 x 256
   * product instead of the 128 KB of C) and a character model's training step took 4 times as long.
   */
  private static void microKernel(int kc, float[] pa, int aBase, float[] pb, int bBase, float[] tile) {
    FloatVector c00 = FloatVector.zero(F);
    FloatVector c01 = FloatVector.zero(F);
    FloatVector c10 = FloatVector.zero(F);
    FloatVector c11 = FloatVector.zero(F);
    FloatVector c20 = FloatVector.zero(F);
    FloatVector c21 = FloatVector.zero(F);
    FloatVector c30 = FloatVector.zero(F);
    FloatVector c31 = FloatVector.zero(F);
    for (int p = 0; p < kc; p++) {
      int ai = aBase + p * 4;
      int bi = bBase + p * NR;
      FloatVector b0 = FloatVector.fromArray(F, pb, bi);
      FloatVector b1 = FloatVector.fromArray(F, pb, bi + L);
      FloatVector av = FloatVector.broadcast(F, pa[ai]);
      c00 = av.fma(b0, c00);
      c01 = av.fma(b1, c01);
      av = FloatVector.broadcast(F, pa[ai + 1]);
      c10 = av.fma(b0, c10);
      c11 = av.fma(b1, c11);
      av = FloatVector.broadcast(F, pa[ai + 2]);
      c20 = av.fma(b0, c20);
      c21 = av.fma(b1, c21);
      av = FloatVector.broadcast(F, pa[ai + 3]);
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

  /**
   * {@link #microKernel} for a tile of 8 rows, {@code 8 x 2L} in 16 accumulators: with 512-bit vectors there are
   * 32 registers, and two B loads feed 16 FMAs instead of 8.
   */
  private static void microKernel8(int kc, float[] pa, int aBase, float[] pb, int bBase, float[] tile) {
    FloatVector c00 = FloatVector.zero(F);
    FloatVector c01 = FloatVector.zero(F);
    FloatVector c10 = FloatVector.zero(F);
    FloatVector c11 = FloatVector.zero(F);
    FloatVector c20 = FloatVector.zero(F);
    FloatVector c21 = FloatVector.zero(F);
    FloatVector c30 = FloatVector.zero(F);
    FloatVector c31 = FloatVector.zero(F);
    FloatVector c40 = FloatVector.zero(F);
    FloatVector c41 = FloatVector.zero(F);
    FloatVector c50 = FloatVector.zero(F);
    FloatVector c51 = FloatVector.zero(F);
    FloatVector c60 = FloatVector.zero(F);
    FloatVector c61 = FloatVector.zero(F);
    FloatVector c70 = FloatVector.zero(F);
    FloatVector c71 = FloatVector.zero(F);
    for (int p = 0; p < kc; p++) {
      int ai = aBase + p * 8;
      int bi = bBase + p * NR;
      FloatVector b0 = FloatVector.fromArray(F, pb, bi);
      FloatVector b1 = FloatVector.fromArray(F, pb, bi + L);
      FloatVector av = FloatVector.broadcast(F, pa[ai]);
      c00 = av.fma(b0, c00);
      c01 = av.fma(b1, c01);
      av = FloatVector.broadcast(F, pa[ai + 1]);
      c10 = av.fma(b0, c10);
      c11 = av.fma(b1, c11);
      av = FloatVector.broadcast(F, pa[ai + 2]);
      c20 = av.fma(b0, c20);
      c21 = av.fma(b1, c21);
      av = FloatVector.broadcast(F, pa[ai + 3]);
      c30 = av.fma(b0, c30);
      c31 = av.fma(b1, c31);
      av = FloatVector.broadcast(F, pa[ai + 4]);
      c40 = av.fma(b0, c40);
      c41 = av.fma(b1, c41);
      av = FloatVector.broadcast(F, pa[ai + 5]);
      c50 = av.fma(b0, c50);
      c51 = av.fma(b1, c51);
      av = FloatVector.broadcast(F, pa[ai + 6]);
      c60 = av.fma(b0, c60);
      c61 = av.fma(b1, c61);
      av = FloatVector.broadcast(F, pa[ai + 7]);
      c70 = av.fma(b0, c70);
      c71 = av.fma(b1, c71);
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, L);
    c10.intoArray(tile, NR);
    c11.intoArray(tile, NR + L);
    c20.intoArray(tile, 2 * NR);
    c21.intoArray(tile, 2 * NR + L);
    c30.intoArray(tile, 3 * NR);
    c31.intoArray(tile, 3 * NR + L);
    c40.intoArray(tile, 4 * NR);
    c41.intoArray(tile, 4 * NR + L);
    c50.intoArray(tile, 5 * NR);
    c51.intoArray(tile, 5 * NR + L);
    c60.intoArray(tile, 6 * NR);
    c61.intoArray(tile, 6 * NR + L);
    c70.intoArray(tile, 7 * NR);
    c71.intoArray(tile, 7 * NR + L);
  }

  /** Writes (or, when {@code accumulate}, adds) the top-left {@code rows x cols} of the tile into C. */
  private static void store(float[] tile, int rows, int cols, float[] c, int base, int ldc, boolean accumulate) {
    for (int r = 0; r < rows; r++) {
      int dst = base + r * ldc;
      int src = r * NR;
      if (cols == NR) {
        FloatVector t0 = FloatVector.fromArray(F, tile, src);
        FloatVector t1 = FloatVector.fromArray(F, tile, src + L);
        if (accumulate) {
          t0 = t0.add(FloatVector.fromArray(F, c, dst));
          t1 = t1.add(FloatVector.fromArray(F, c, dst + L));
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
