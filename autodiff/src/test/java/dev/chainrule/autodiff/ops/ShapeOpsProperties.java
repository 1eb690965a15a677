package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.testing.GradientProperty;
import java.util.Arrays;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * select, strided slice, squeeze(), chunk, split, flip, cumsum, triu and tril over random shapes: gradients
 * against finite differences (and, for the op classes, second derivatives through a square, which runs each
 * op's backward backwards), and values against element-by-element references written from the definitions.
 */
class ShapeOpsProperties {

  @Provide
  Arbitrary<Shape> shapes() {
    return Generators.shapes(4, 3);
  }

  @Provide
  Arbitrary<Shape> nonScalarShapes() {
    return Generators.nonScalarShapes(4, 4);
  }

  @Provide
  Arbitrary<Shape> matrixShapes() {
    return Generators.nonScalarShapes(2, 3).flatMap(batch -> Generators.nonScalarShapes(2, 5)
        .filter(m -> m.rank() == 2).map(m -> Shape.of(IntStream.concat(Arrays.stream(batch.dims()).limit(
            batch.rank() - 1), Arrays.stream(m.dims())).toArray())));
  }

  /** Row-major coordinates of flat position {@code flat} in {@code shape}. */
  static int[] coords(Shape shape, int flat) {
    int[] c = new int[shape.rank()];
    for (int d = shape.rank() - 1; d >= 0; d--) {
      c[d] = flat % shape.dim(d);
      flat /= shape.dim(d);
    }
    return c;
  }

  /** The flat position of coordinates {@code c} in {@code shape}. */
  static int flat(Shape shape, int[] c) {
    int f = 0;
    for (int d = 0; d < c.length; d++) {
      f = f * shape.dim(d) + c[d];
    }
    return f;
  }

  @Property(tries = 40)
  @GradientProperty(Narrow.class)
  void selectRemovesTheAxisAndPicksTheEntry(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed) {
    Rng rng = new Rng(seed);
    int axis = rng.nextInt(shape.rank());
    int size = shape.dim(axis);
    int index = rng.nextInt(2 * size) - size; // negative half of the time
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    GradCheck.check(in -> in[0].select(axis - shape.rank(), index), x);
    Tensor y = x.select(axis, index);
    assertEquals(shape.rank() - 1, y.rank());
    for (int e = 0; e < y.size(); e++) {
      int[] c = coords(y.shape(), e);
      int[] full = new int[shape.rank()];
      for (int d = 0; d < full.length; d++) {
        full[d] = d < axis ? c[d] : d == axis ? Math.floorMod(index, size) : c[d - 1];
      }
      assertEquals(x.get(flat(shape, full)), y.get(e));
    }
  }

  @Property(tries = 60)
  @GradientProperty({Slice.class, IndexAdd.class})
  void slicePicksEveryStepthEntryBetweenClampedBounds(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int step) {
    Rng rng = new Rng(seed);
    int axis = rng.nextInt(shape.rank());
    int size = shape.dim(axis);
    int start = rng.nextInt(2 * size + 5) - size - 2; // past both ends now and then
    int end = rng.nextInt(2 * size + 5) - size - 2;
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    Tensor y = x.slice(axis, start, end, step);
    // Python: a negative bound counts from the end; then both are clamped to [0, size].
    int lo = Math.max(0, Math.min(size, start < 0 ? start + size : start));
    int hi = Math.max(0, Math.min(size, end < 0 ? end + size : end));
    int[] expected = IntStream.range(lo, Math.max(lo, hi)).filter(i -> (i - lo) % step == 0).toArray();
    assertEquals(IndexMaps.withDim(shape, axis, expected.length), y.shape());
    assertArrayEquals(x.indexSelect(axis, expected).toDoubleArray(), y.toDoubleArray());
    if (y.size() > 0) {
      GradCheck.check(in -> in[0].slice(axis - shape.rank(), start, end, step), x);
      GradCheck.gradGrad(in -> in[0].slice(axis, start, end, step).square(), x);
    }
  }

  @Property(tries = 30)
  void squeezeWithoutAnAxisDropsEverySizeOneAxis(@ForAll("shapes") Shape shape, @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    Tensor y = x.squeeze();
    assertArrayEquals(Arrays.stream(shape.dims()).filter(d -> d != 1).toArray(), y.shape().dims());
    assertArrayEquals(x.toDoubleArray(), y.toDoubleArray());
    GradCheck.check(in -> in[0].squeeze(), x);
  }

  @Property(tries = 40)
  @GradientProperty({Split.class, SplitPiece.class, Concat.class})
  void chunkCutsIntoPiecesOfCeilSizeOverN(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 6) int n) {
    int axis = Math.floorMod(seed, shape.rank());
    int size = shape.dim(axis);
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    Tensor[] pieces = x.chunk(n, axis);
    int piece = (size + n - 1) / n;
    assertEquals((size + piece - 1) / piece, pieces.length);
    for (int i = 0; i < pieces.length; i++) {
      int expected = i < pieces.length - 1 ? piece : size - piece * (pieces.length - 1);
      assertEquals(IndexMaps.withDim(shape, axis, expected), pieces[i].shape());
    }
    assertArrayEquals(x.toDoubleArray(), Tensor.concat(axis, pieces).toDoubleArray());
    // Each piece weighted differently, so a gradient sent to the wrong piece shows.
    GradCheck.check(in -> weightedConcat(axis, in[0].chunk(n, axis - shape.rank())), x);
  }

  @Property(tries = 40)
  void splitCutsIntoTheGivenSizes(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 5) int size) {
    Rng rng = new Rng(seed);
    int axis = rng.nextInt(shape.rank());
    int dim = shape.dim(axis);
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    Tensor[] even = x.split(size, axis);
    assertEquals((dim + size - 1) / size, even.length);
    assertEquals(dim - size * (even.length - 1), even[even.length - 1].shape().dim(axis));
    // Random sizes adding up to the axis, zeros included.
    int[] sizes = new int[1 + rng.nextInt(4)];
    for (int left = dim; left > 0; left--) {
      sizes[rng.nextInt(sizes.length)]++;
    }
    Tensor[] pieces = x.split(sizes, axis);
    int start = 0;
    for (int i = 0; i < sizes.length; i++) {
      assertArrayEquals(x.narrow(axis, start, sizes[i]).toDoubleArray(), pieces[i].toDoubleArray());
      start += sizes[i];
    }
    GradCheck.check(in -> weightedConcat(axis, in[0].split(sizes, axis)), x);
    GradCheck.check(in -> weightedConcat(axis, in[0].split(size, axis)), x);
  }

  private static Tensor weightedConcat(int axis, Tensor[] pieces) {
    Tensor[] weighted = new Tensor[pieces.length];
    for (int i = 0; i < pieces.length; i++) {
      weighted[i] = pieces[i].mul(i + 1);
    }
    return Tensor.concat(axis, weighted);
  }

  @Property(tries = 40)
  @GradientProperty(Flip.class)
  void flipReversesTheNamedAxes(@ForAll("shapes") Shape shape, @ForAll long seed) {
    int[] axes = IntStream.range(0, shape.rank()).filter(i -> ((seed >> i) & 1) == 1)
        .map(i -> ((seed >> (8 + i)) & 1) == 1 ? i - shape.rank() : i).toArray();
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    Tensor y = x.flip(axes);
    boolean[] flipped = Axes.resolve("flip", shape, axes);
    for (int e = 0; e < y.size(); e++) {
      int[] c = coords(shape, e);
      for (int d = 0; d < c.length; d++) {
        c[d] = flipped[d] ? shape.dim(d) - 1 - c[d] : c[d];
      }
      assertEquals(x.get(flat(shape, c)), y.get(e));
    }
    GradCheck.check(in -> in[0].flip(axes), x);
    GradCheck.gradGrad(in -> in[0].flip(axes).square(), x);
  }

  @Property(tries = 40)
  @GradientProperty(Cumsum.class)
  void cumsumIsTheRunningSumAndItsGradientTheReverseOne(@ForAll("nonScalarShapes") Shape shape,
      @ForAll long seed, @ForAll boolean reverse) {
    int axis = Math.floorMod(seed, shape.rank());
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    Tensor y = new Cumsum(axis - shape.rank(), reverse).apply(x);
    for (int e = 0; e < y.size(); e++) {
      int[] c = coords(shape, e);
      int at = c[axis];
      double sum = 0;
      for (int j = 0; j < shape.dim(axis); j++) {
        c[axis] = j;
        sum += (reverse ? j >= at : j <= at) ? x.get(flat(shape, c)) : 0;
      }
      assertEquals(sum, y.get(e), 1e-12);
    }
    GradCheck.check(in -> new Cumsum(axis, reverse).apply(in[0]), x);
    GradCheck.gradGrad(in -> in[0].cumsum(axis).square(), x);
  }

  @Property(tries = 20)
  void cumsumOfFloat32AccumulatesInDouble(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed) {
    int axis = Math.floorMod(seed, shape.rank());
    Tensor x = Generators.uniform(shape, seed, -2, 2).to(DType.FLOAT32);
    Tensor expected = x.to(DType.FLOAT64).cumsum(axis).to(DType.FLOAT32);
    assertArrayEquals(expected.toFloatArray(), x.cumsum(axis).toFloatArray());
  }

  @Property(tries = 40)
  @GradientProperty(Triangle.class)
  void triuAndTrilKeepTheirTriangleOfEveryMatrix(@ForAll("matrixShapes") Shape shape, @ForAll long seed,
      @ForAll @IntRange(min = -5, max = 5) int k) {
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    Tensor upper = x.triu(k);
    Tensor lower = x.tril(k);
    for (int e = 0; e < x.size(); e++) {
      int[] c = coords(shape, e);
      int offset = c[c.length - 1] - c[c.length - 2];
      assertEquals(offset >= k ? x.get(e) : 0, upper.get(e));
      assertEquals(offset <= k ? x.get(e) : 0, lower.get(e));
    }
    assertArrayEquals(x.toDoubleArray(), x.triu(k + 1).add(x.tril(k)).toDoubleArray());
    GradCheck.check(in -> in[0].triu(k), x);
    GradCheck.check(in -> in[0].tril(k), x);
    GradCheck.gradGrad(in -> in[0].tril(k).square().triu(-k), x);
  }
}
