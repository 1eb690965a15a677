package dev.chainrule.autodiff.testing;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Shared jqwik generators for property tests of ops: shapes up to 4-D, pairs of shapes that broadcast, and
 * FLOAT64 tensors whose values keep away from kinks. Published in the autodiff test-jar so that users can
 * property-test their own ops the same way.
 *
 * <p>Shapes stay small (dimensions 1 to 4 by default) so that a finite-difference check, which evaluates the
 * function twice per element, stays fast.
 */
public final class Generators {
  private Generators() {}

  /** Shapes of rank 0 to {@code maxRank} with dimensions 1 to {@code maxDim}. */
  public static Arbitrary<Shape> shapes(int maxRank, int maxDim) {
    return Arbitraries.integers().between(1, maxDim).array(int[].class).ofMinSize(0).ofMaxSize(maxRank)
        .map(Shape::of);
  }

  /** Shapes of rank 1 to {@code maxRank} with dimensions 1 to {@code maxDim}. */
  public static Arbitrary<Shape> nonScalarShapes(int maxRank, int maxDim) {
    return Arbitraries.integers().between(1, maxDim).array(int[].class).ofMinSize(1).ofMaxSize(maxRank)
        .map(Shape::of);
  }

  /**
   * Pairs of shapes that broadcast against each other: a full shape, and a second one made from it by
   * dropping some leading axes and setting some of the remaining dimensions to 1 (either side may be the
   * smaller one).
   */
  public static Arbitrary<Shape[]> broadcastPairs(int maxRank, int maxDim) {
    Arbitrary<Shape> full = shapes(maxRank, maxDim);
    Arbitrary<Long> choices = Arbitraries.longs();
    Arbitrary<Boolean> swap = Arbitraries.of(true, false);
    return Combinators.combine(full, choices, swap).as((shape, bits, swapped) -> {
      int[] dims = shape.dims();
      Rng rng = new Rng(bits);
      int drop = dims.length == 0 ? 0 : rng.nextInt(dims.length + 1);
      int[] small = new int[dims.length - drop];
      for (int i = 0; i < small.length; i++) {
        small[i] = rng.nextInt(3) == 0 ? 1 : dims[drop + i];
      }
      Shape other = Shape.of(small);
      return swapped ? new Shape[] {other, shape} : new Shape[] {shape, other};
    });
  }

  /** A FLOAT64 tensor of {@code shape} with values uniform in {@code [low, high)}, drawn from {@code seed}. */
  public static Tensor uniform(Shape shape, long seed, double low, double high) {
    return Tensor.uniform(new Rng(seed), low, high, shape.dims()).to(DType.FLOAT64);
  }

  /**
   * A FLOAT64 tensor with values in {@code [-high, -margin] U [margin, high]}: at least {@code margin} away
   * from 0, where relu, abs, sign and leaky relu have their kink.
   */
  public static Tensor awayFromZero(Shape shape, long seed, double margin, double high) {
    Rng rng = new Rng(seed);
    double[] values = new double[shape.size()];
    for (int i = 0; i < values.length; i++) {
      double magnitude = margin + (high - margin) * rng.nextDouble();
      values[i] = rng.nextInt(2) == 0 ? -magnitude : magnitude;
    }
    return Tensor.of(values, shape.dims());
  }

  /**
   * A FLOAT64 tensor whose values are pairwise at least {@code gap} apart (a shuffled, jittered grid), so that
   * max, min, sort-like ops and comparisons have no ties within a finite-difference step.
   */
  public static Tensor distinct(Shape shape, long seed, double gap) {
    Rng rng = new Rng(seed);
    int n = shape.size();
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = (i - n / 2.0) * gap + 0.25 * gap * rng.nextDouble();
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      double t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
    return Tensor.of(values, shape.dims());
  }

  /**
   * Tuples of {@code count} shapes that broadcast together: a full shape kept by one of them, and the others made
   * from it by dropping some leading axes and setting some of the remaining dimensions to 1.
   */
  public static Arbitrary<Shape[]> broadcastTuples(int count, int maxRank, int maxDim) {
    return Combinators.combine(shapes(maxRank, maxDim), Arbitraries.longs()).as((shape, bits) -> {
      Rng rng = new Rng(bits);
      int full = rng.nextInt(count);
      Shape[] tuple = new Shape[count];
      for (int t = 0; t < count; t++) {
        int[] dims = shape.dims();
        int drop = t == full || dims.length == 0 ? 0 : rng.nextInt(dims.length + 1);
        int[] small = new int[dims.length - drop];
        for (int i = 0; i < small.length; i++) {
          small[i] = t != full && rng.nextInt(3) == 0 ? 1 : dims[drop + i];
        }
        tuple[t] = Shape.of(small);
      }
      return tuple;
    });
  }

  /**
   * A FLOAT64 tensor with values {@code k * gap + phase + jitter}, {@code k} an integer in {@code [-4, 4]} and
   * {@code jitter} in {@code [0, gap / 4)}. Two tensors made with phases 0 and {@code gap / 2} differ by at least
   * {@code gap / 4} in every pair of elements, so maximum, minimum and clamp (against bounds on the phase-0
   * lattice, {@code k * gap}) have no ties within a finite-difference step, whatever the broadcasting.
   */
  public static Tensor lattice(Shape shape, long seed, double gap, double phase) {
    Rng rng = new Rng(seed);
    double[] values = new double[shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (rng.nextInt(9) - 4) * gap + phase + 0.25 * gap * rng.nextDouble();
    }
    return Tensor.of(values, shape.dims());
  }

  /**
   * A FLOAT64 tensor of {@code shape} holding integer values in {@code [0, bound)} drawn from {@code seed} (repeats
   * likely): indices for gather, scatter-add and one-hot.
   */
  public static Tensor indices(Shape shape, long seed, int bound) {
    Rng rng = new Rng(seed);
    long[] values = new long[shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = rng.nextInt(bound);
    }
    return Tensor.of(values, shape.dims());
  }

  /** A random permutation of {@code 0..n-1} drawn from {@code seed}. */
  public static int[] permutation(int n, long seed) {
    Rng rng = new Rng(seed);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return perm;
  }
}
