package dev.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Sizes that overflow {@code long} or exceed the largest Java array are refused where the shape is made, naming
 * it. Before, some wrapped around: a shape of 2^64 elements had size 0 and was accepted, others ended in
 * {@code NegativeArraySizeException}, {@code ArrayIndexOutOfBoundsException} or an out-of-memory error for an
 * array the JVM can never allocate. Empty tensors carry the huge dimensions, so nothing large is allocated.
 */
class SizeLimitTest {
  private static final int BIG = 1 << 16;

  private static String refused(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void aShapeWhoseSizeOverflowsALongIsRefused() {
    String m = refused(() -> Shape.of(BIG, BIG, BIG, BIG)); // 2^64 elements: wrapped to 0
    assertEquals("shape (65536, 65536, 65536, 65536) has 18446744073709551616 elements, more than the largest"
        + " array (2147483639)", m);
  }

  @Test
  void aShapeLargerThanTheLargestArrayIsRefused() {
    assertTrue(refused(() -> Shape.of(Integer.MAX_VALUE)).startsWith("shape (2147483647,) has 2147483647"
        + " elements, more than the largest array"));
    assertTrue(refused(() -> Shape.of(46341, 46341)).contains("2147488281 elements"));
    assertEquals(Shape.MAX_SIZE, Shape.of(Shape.MAX_SIZE).size());
  }

  @Test
  void anEmptyShapeWhoseStridesWouldOverflowIsRefused() {
    String m = refused(() -> Shape.of(0, Integer.MAX_VALUE, 2));
    assertEquals("shape (0, 2147483647, 2): its non-zero dimensions span 4294967294 elements, more than the"
        + " largest array (2147483639), so its strides would overflow", m);
    Shape fine = Shape.of(3, 0, 5);
    assertEquals(0, fine.size());
    assertArrayEquals(new int[] {0, 5, 1}, fine.strides());
  }

  @Test
  void negativeDimensionsNameTheShape() {
    assertEquals("shape (2, -1): dimension 1 is -1; dimensions must be >= 0", refused(() -> Shape.of(2, -1)));
  }

  @Test
  void creationRefusesSizesBeyondTheLargestArray() {
    assertTrue(refused(() -> Tensor.zeros(BIG, BIG, BIG, BIG)).startsWith("shape (65536, 65536, 65536, 65536)"));
    assertTrue(refused(() -> Tensor.eye(46341)).startsWith("shape (46341, 46341) has 2147488281 elements"));
    assertTrue(refused(() -> Tensor.arange(0, 1e10, 1)).startsWith("arange: from 0.0 to 1.0E10 in steps of 1.0 is"
        + " 1.0E10 values, more than the largest array"));
    assertTrue(refused(() -> Tensor.arange(0, 1, 1e-300)).startsWith("arange: from 0.0 to 1.0 in steps of"));
    assertTrue(refused(() -> Tensor.linspace(0, 1, Integer.MAX_VALUE)).startsWith("linspace: 2147483647 steps"));
  }

  @Test
  void expandToAShapeThatOverflowsIsRefused() {
    Tensor one = Tensor.of(new double[] {1});
    assertTrue(refused(() -> one.expand(BIG, BIG, BIG, BIG)).startsWith("shape (65536, 65536, 65536, 65536)"));
  }

  @Test
  void reshapeIntoAnOverflowingShapeIsRefused() {
    Tensor empty = Tensor.zeros(0);
    assertTrue(refused(() -> empty.reshape(0, BIG, BIG)).startsWith("reshape: cannot reshape (0,) (0 elements)"
        + " into [0, 65536, 65536]: its dimensions span more than the largest array"));
    assertTrue(refused(() -> empty.reshape(-1, BIG, BIG, BIG, BIG)).startsWith("reshape: cannot reshape (0,)"));
  }

  @Test
  void narrowWhoseEndOverflowsIsRefused() {
    Tensor x = Tensor.of(new double[] {1, 2, 3});
    assertEquals("narrow: start 1 and length 2147483647 are out of range for axis 0 of shape (3,) (size 3)",
        refused(() -> x.narrow(0, 1, Integer.MAX_VALUE)));
  }

  @Test
  void concatWhoseSizesAddUpPastAnIntIsRefused() {
    Tensor part = Tensor.zeros(0, 1 << 30);
    assertEquals("concat: the sizes along axis 1 add up to more than 2147483647 by tensor 1 (shape (0, 1073741824))",
        refused(() -> Tensor.concat(1, part, part, part)));
  }

  @Test
  void oneHotWithTooManyClassesIsRefused() {
    Tensor labels = Tensor.ofLongs(0, 1, 2, 3);
    assertTrue(refused(() -> Tensor.oneHot(labels, 1 << 30)).startsWith("shape (4, 1073741824) has 4294967296"
        + " elements"));
  }
}
