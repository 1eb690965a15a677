package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.testing.GradientProperty;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IndexingProperties {

  @Provide
  Arbitrary<Shape> nonScalarShapes() {
    return Generators.nonScalarShapes(4, 3);
  }

  /** 1 to 5 indices into an axis of {@code size}, repeats likely. */
  private static int[] picks(Rng rng, int size) {
    int[] picks = new int[1 + rng.nextInt(5)];
    for (int i = 0; i < picks.length; i++) {
      picks[i] = rng.nextInt(size);
    }
    return picks;
  }

  /** An index shape no larger than {@code shape} except along {@code axis}, where it has 1 to 4 entries. */
  private static Shape indexShape(Rng rng, Shape shape, int axis) {
    int[] dims = shape.dims();
    for (int d = 0; d < dims.length; d++) {
      dims[d] = d == axis ? 1 + rng.nextInt(4) : 1 + rng.nextInt(dims[d]);
    }
    return Shape.of(dims);
  }

  @Property(tries = 40)
  @GradientProperty(IndexSelect.class)
  void indexSelectGradientMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed) {
    Rng rng = new Rng(seed);
    int axis = rng.nextInt(shape.rank());
    int[] picks = picks(rng, shape.dim(axis));
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    // Its backward is IndexAdd: repeated picks must accumulate.
    GradCheck.check(in -> in[0].indexSelect(axis, picks), x);
  }

  @Property(tries = 40)
  @GradientProperty(IndexAdd.class)
  void indexAddGradientMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed) {
    Rng rng = new Rng(seed);
    int axis = rng.nextInt(shape.rank());
    int[] picks = picks(rng, shape.dim(axis));
    Tensor src = Generators.uniform(IndexMaps.withDim(shape, axis, picks.length), seed, -2, 2).requiresGrad();
    GradCheck.check(in -> new IndexAdd(axis - shape.rank(), picks, shape.dim(axis)).apply(in[0]), src);
  }

  @Property(tries = 40)
  @GradientProperty(Gather.class)
  void gatherGradientMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed) {
    Rng rng = new Rng(seed);
    int axis = rng.nextInt(shape.rank());
    Tensor index = Generators.indices(indexShape(rng, shape, axis), seed, shape.dim(axis));
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    // Its backward is ScatterAdd: an element gathered twice gets both gradients.
    GradCheck.check(in -> in[0].gather(axis, in[1]), x, index);
  }

  @Property(tries = 40)
  @GradientProperty(ScatterAdd.class)
  void scatterAddGradientMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed) {
    Rng rng = new Rng(seed);
    int axis = rng.nextInt(shape.rank());
    Tensor index = Generators.indices(indexShape(rng, shape, axis), seed, shape.dim(axis));
    Tensor src = Generators.uniform(index.shape(), seed + 1, -2, 2).requiresGrad();
    GradCheck.check(in -> new ScatterAdd(axis, shape).apply(in[0], in[1]), src, index);
  }

  @Property(tries = 30)
  void indexSelectEqualsGatherWithABroadcastIndex(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed) {
    Rng rng = new Rng(seed);
    int axis = rng.nextInt(shape.rank());
    assertIndexSelectEqualsGather(shape, seed, axis, picks(rng, shape.dim(axis)));
  }

  /** Indices made of 1 to 3 runs of consecutive entries, which selection copies as whole blocks. */
  @Property(tries = 30)
  void indexSelectOfConsecutiveRunsEqualsGather(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed) {
    Rng rng = new Rng(seed);
    int axis = rng.nextInt(shape.rank());
    int size = shape.dim(axis);
    java.util.List<Integer> picks = new java.util.ArrayList<>();
    for (int r = 1 + rng.nextInt(3); r > 0; r--) {
      int start = rng.nextInt(size);
      for (int i = start, end = start + 1 + rng.nextInt(size - start); i < end; i++) {
        picks.add(i);
      }
    }
    assertIndexSelectEqualsGather(shape, seed, axis, picks.stream().mapToInt(Integer::intValue).toArray());
  }

  private static void assertIndexSelectEqualsGather(Shape shape, long seed, int axis, int[] picks) {
    Tensor x = Generators.uniform(shape, seed, -2, 2);
    int[] along = new int[shape.rank()];
    java.util.Arrays.fill(along, 1);
    along[axis] = picks.length;
    long[] values = new long[picks.length];
    for (int i = 0; i < picks.length; i++) {
      values[i] = picks[i];
    }
    Tensor index = Tensor.of(values, along).expand(IndexMaps.withDim(shape, axis, picks.length).dims());
    assertArrayEquals(x.gather(axis, index).toDoubleArray(), x.indexSelect(axis, picks).toDoubleArray());
  }

  @Example
  void gatherAndItsGradientWorkedByHand() {
    Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad();
    Tensor index = Tensor.of(new long[] {0, 0, 1, 0}, 2, 2);
    Tensor y = x.gather(1, index);
    assertArrayEquals(new double[] {1, 1, 4, 3}, y.toDoubleArray());
    y.backward(Tensor.of(new double[][] {{1, 10}, {100, 1000}}));
    assertArrayEquals(new double[] {11, 0, 1000, 100}, x.grad().toDoubleArray());
    assertNull(index.grad());
  }

  @Example
  void indexSelectRepeatsRowsAndAccumulatesTheirGradients() {
    Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}).requiresGrad();
    Tensor y = x.indexSelect(0, 2, 0, 2);
    assertArrayEquals(new double[] {5, 6, 1, 2, 5, 6}, y.toDoubleArray());
    y.sum().backward();
    assertArrayEquals(new double[] {1, 1, 0, 0, 2, 2}, x.grad().toDoubleArray());
  }

  @Property(tries = 25)
  void float32TakeAndScatterAgreeWithFloat64(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed) {
    Rng rng = new Rng(seed);
    int axis = rng.nextInt(shape.rank());
    Tensor index = Generators.indices(indexShape(rng, shape, axis), seed, shape.dim(axis));
    Tensor wide = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    Tensor narrow = wide.to(DType.FLOAT32).detach().requiresGrad();
    Tensor weights = Generators.uniform(index.shape(), seed + 1, -2, 2);
    wide.gather(axis, index).mul(weights).sum().backward();
    narrow.gather(axis, index).mul(weights.to(DType.FLOAT32)).sum().backward();
    assertEquals(DType.FLOAT32, narrow.grad().dtype());
    assertArrayEquals(wide.grad().toDoubleArray(), narrow.grad().toDoubleArray(), 1e-5);
    assertArrayEquals(wide.permute(Generators.permutation(shape.rank(), seed)).toFloatArray(),
        narrow.permute(Generators.permutation(shape.rank(), seed)).toFloatArray());
  }

  @Example
  void oneHotWorkedByHand() {
    Tensor labels = Tensor.ofLongs(2, 0, 1);
    Tensor h = Tensor.oneHot(labels, 3);
    assertEquals(Shape.of(3, 3), h.shape());
    assertEquals(DType.FLOAT32, h.dtype());
    assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, h.toFloatArray());
    assertEquals(DType.FLOAT32, h.dtype());
  }

  @Example
  void indexErrorsNameTheOpTheIndexTheAxisAndTheSize() {
    Tensor x = Tensor.zeros(2, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.indexSelect(1, 0, 3));
    assertEquals("indexSelect: index 3 is out of range for axis 1 of size 3 (indices must be in [0, 3))",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.indexSelect(-1, -1));
    assertEquals("indexSelect: index -1 is out of range for axis 1 of size 3 (indices must be in [0, 3))",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.gather(0, Tensor.of(new double[] {0, 1}, 1, 2)));
    assertEquals("gather: index tensor of shape (1, 2) is float64; indices must be int64 (convert with"
        + " to(DType.INT64))", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.gather(0, Tensor.of(new long[] {0, 2}, 1, 2)));
    assertEquals("gather: index 2 is out of range for axis 0 of size 2 (indices must be in [0, 2))",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.indexSelect(0, Tensor.of(0f)));
    assertEquals("indexSelect: index tensor of shape (1,) is float32; indices must be int64 (convert with"
        + " to(DType.INT64))", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.gather(0, Tensor.of(new long[] {0, 1, 0, 1}, 1, 4)));
    assertEquals("gather: index of shape (1, 4) is larger than input of shape (2, 3) at dimension 1 (4 > 3)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.gather(2, Tensor.zeros(DType.INT64, 2, 3)));
    assertEquals("gather: axis 2 is out of range for shape (2, 3) (rank 2)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.oneHot(Tensor.ofLongs(1, 3), 3));
    assertEquals("oneHot: label 3 at index 1 of labels of shape (2,) is out of range for 3 classes (labels must be"
        + " in [0, 3))", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.oneHot(Tensor.of(1f, 2f), 3));
    assertEquals("oneHot: index tensor of shape (2,) is float32; indices must be int64 (convert with"
        + " to(DType.INT64))", e.getMessage());
  }
}
