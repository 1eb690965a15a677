package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import net.jqwik.api.constraints.IntRange;

class MovementProperties {

  @Provide
  Arbitrary<Shape> shapes() {
    return Generators.shapes(4, 3);
  }

  @Provide
  Arbitrary<Shape> nonScalarShapes() {
    return Generators.nonScalarShapes(4, 3);
  }

  @Property(tries = 40)
  @GradientProperty(Permute.class)
  void permuteGradientMatchesFiniteDifferencesAndMovesEveryElement(@ForAll("shapes") Shape shape,
      @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    int[] perm = Generators.permutation(shape.rank(), seed);
    GradCheck.check(in -> in[0].permute(perm), x);
    Tensor y = x.permute(perm);
    int[] strides = shape.strides();
    int[] yDims = y.shape().dims();
    int[] coords = new int[yDims.length];
    for (int e = 0; e < y.size(); e++) {
      int source = 0;
      for (int d = 0; d < coords.length; d++) {
        source += coords[d] * strides[perm[d]];
      }
      assertEquals(x.get(source), y.get(e));
      for (int d = yDims.length - 1; d >= 0 && ++coords[d] == yDims[d]; d--) {
        coords[d] = 0;
      }
    }
  }

  /** Permute copies whole blocks where the trailing axes stay; integer and boolean tensors move like floats. */
  @Property(tries = 40)
  void permuteMovesInt64AndBoolTensorsAsItMovesFloats(@ForAll("shapes") Shape shape, @ForAll long seed) {
    int[] perm = Generators.permutation(shape.rank(), seed);
    long[] ids = new long[shape.size()];
    boolean[] marks = new boolean[shape.size()];
    for (int e = 0; e < ids.length; e++) {
      ids[e] = 3L * e - 7;
      marks[e] = e % 3 == 0;
    }
    double[] moved = Tensor.of(ids, shape.dims()).to(DType.FLOAT64).permute(perm).toDoubleArray();
    long[] movedIds = Tensor.of(ids, shape.dims()).permute(perm).toLongArray();
    boolean[] movedMarks = Tensor.of(marks, shape.dims()).permute(perm).toBooleanArray();
    for (int e = 0; e < moved.length; e++) {
      assertEquals((long) moved[e], movedIds[e]);
      assertEquals(((long) moved[e] + 7) / 3 % 3 == 0, movedMarks[e]);
    }
  }

  @Property(tries = 40)
  @GradientProperty({Narrow.class, Concat.class})
  void narrowGradientMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    Rng rng = new Rng(seed);
    int axis = rng.nextInt(shape.rank());
    int start = rng.nextInt(shape.dim(axis));
    int length = 1 + rng.nextInt(shape.dim(axis) - start);
    // Narrow's backward is a concat with zeros, so this also runs Concat with zero-filled neighbours.
    GradCheck.check(in -> in[0].narrow(axis - shape.rank(), start, length), x);
  }

  @Property(tries = 40)
  @GradientProperty({Concat.class, Narrow.class})
  void concatGradientMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 3) int count) {
    Rng rng = new Rng(seed);
    int axis = rng.nextInt(shape.rank());
    Tensor[] parts = new Tensor[count];
    for (int t = 0; t < count; t++) {
      parts[t] = Generators.uniform(IndexMaps.withDim(shape, axis, 1 + rng.nextInt(3)), seed + t, -2, 2)
          .requiresGrad();
    }
    // Concat's backward narrows each part out of the gradient.
    GradCheck.check(in -> Tensor.concat(axis, in), parts);
    Tensor joined = Tensor.concat(axis, parts);
    int offset = 0;
    for (Tensor part : parts) {
      int size = part.shape().dim(axis);
      assertArrayEquals(part.toDoubleArray(), joined.narrow(axis, offset, size).toDoubleArray());
      offset += size;
    }
    assertEquals(offset, joined.shape().dim(axis));
  }

  @Property(tries = 25)
  void stackFlattenSqueezeUnsqueezeGradientsMatchFiniteDifferences(@ForAll("nonScalarShapes") Shape shape,
      @ForAll long seed) {
    Tensor a = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    Tensor b = Generators.uniform(shape, seed + 1, -2, 2).requiresGrad();
    int axis = Math.floorMod(seed, shape.rank() + 1);
    GradCheck.check(in -> Tensor.stack(axis, in[0], in[1]).flatten(0, 1).unsqueeze(-1).squeeze(-1), a, b);
    Tensor s = Tensor.stack(axis, a, b);
    assertArrayEquals(a.toDoubleArray(), s.narrow(axis, 0, 1).squeeze(axis).toDoubleArray());
    assertArrayEquals(b.toDoubleArray(), s.narrow(axis, 1, 1).squeeze(axis).toDoubleArray());
  }

  @Example
  void transposeOfAMatrixWorkedByHand() {
    Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, x.t().toDoubleArray());
    assertEquals(Shape.of(3, 2), x.transpose(-1, 0).shape());
    Tensor v = Tensor.of(1.0, 2.0);
    assertSame(v, v.t());
    Tensor cube = Tensor.arange(24).reshape(2, 3, 4);
    assertEquals(Shape.of(4, 2, 3), cube.permute(2, 0, 1).shape());
    assertEquals(cube.get(1 * 12 + 2 * 4 + 3), cube.permute(2, 0, 1).get(3 * 6 + 1 * 3 + 2));
  }

  @Example
  void flattenSqueezeUnsqueezeSliceShapes() {
    Tensor x = Tensor.zeros(2, 3, 4, 5);
    assertEquals(Shape.of(120), x.flatten().shape());
    assertEquals(Shape.of(2, 12, 5), x.flatten(1, 2).shape());
    assertEquals(Shape.of(2, 3, 20), x.flatten(-2, -1).shape());
    assertEquals(Shape.of(1), Tensor.scalar(3).flatten(0, -1).shape());
    assertEquals(Shape.of(2, 1, 3, 4, 5), x.unsqueeze(1).shape());
    assertEquals(Shape.of(2, 3, 4, 5, 1), x.unsqueeze(-1).shape());
    assertEquals(Shape.of(2, 3, 4, 5), x.unsqueeze(0).squeeze(0).shape());
    Tensor r = Tensor.arange(6);
    assertArrayEquals(new float[] {2, 3, 4}, r.slice(0, 2, 5).toFloatArray());
    assertArrayEquals(new float[] {4, 5}, r.slice(0, -2, 6).toFloatArray());
    assertArrayEquals(new float[] {1, 2, 3, 4}, r.slice(-1, 1, -1).toFloatArray());
  }

  @Example
  void concatPromotesMixedTypes() {
    Tensor c = Tensor.concat(0, Tensor.of(1f, 2f), Tensor.of(3.0));
    assertEquals(DType.FLOAT64, c.dtype());
    assertArrayEquals(new double[] {1, 2, 3}, c.toDoubleArray());
  }

  @Example
  void movementErrorsNameTheOpShapesAndAxis() {
    Tensor x = Tensor.zeros(2, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.concat(0, x, Tensor.zeros(2, 4)));
    assertEquals("concat: shapes (2, 3) (tensor 0) and (2, 4) (tensor 1) differ at dimension 1 (3 != 4); only"
        + " axis 0 may differ", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.narrow(1, 2, 2));
    assertEquals("narrow: start 2 and length 2 are out of range for axis 1 of shape (2, 3) (size 3)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.narrow(2, 0, 1));
    assertEquals("narrow: axis 2 is out of range for shape (2, 3) (rank 2)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.permute(0, 0));
    assertTrue(e.getMessage().startsWith("permute: axis 0 is given twice for shape (2, 3)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.permute(0));
    assertTrue(e.getMessage().startsWith("permute: [0] axes given for shape (2, 3)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.transpose(0, 2));
    assertEquals("transpose: axis 2 is out of range for shape (2, 3) (rank 2)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.squeeze(1));
    assertEquals("squeeze: axis 1 of shape (2, 3) has size 3, not 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.unsqueeze(3));
    assertTrue(e.getMessage().startsWith("unsqueeze: axis 3 is out of range for shape (2, 3)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.stack(0, x, Tensor.zeros(3, 2)));
    assertTrue(e.getMessage().contains("(3, 2)") && e.getMessage().contains("(2, 3)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).t());
    assertTrue(e.getMessage().startsWith("t: tensor of shape (2, 3, 4)"), e.getMessage());
  }
}
