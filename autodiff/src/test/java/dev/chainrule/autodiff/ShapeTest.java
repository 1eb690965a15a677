package dev.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeTest {

  @Test
  void sizeStridesAndText() {
    Shape s = Shape.of(2, 3, 4);
    assertEquals(24, s.size());
    assertArrayEquals(new int[] {12, 4, 1}, s.strides());
    assertEquals("(2, 3, 4)", s.toString());
    assertEquals("(5,)", Shape.of(5).toString());
    assertEquals("()", Shape.scalar().toString());
    assertEquals(1, Shape.scalar().size());
    assertEquals(4, s.dim(-1));
  }

  @Test
  void broadcastAlignsFromTheRight() {
    assertEquals(Shape.of(2, 3, 4), Shape.broadcast("add", Shape.of(3, 1), Shape.of(2, 1, 4)));
    assertEquals(Shape.of(3), Shape.broadcast("add", Shape.scalar(), Shape.of(3)));
  }

  @Test
  void incompatibleShapesNameTheOpShapesAndDimension() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Shape.broadcast("add", Shape.of(2, 3), Shape.of(4)));
    assertEquals("add: shapes (2, 3) and (4,) cannot be broadcast: the size of a (3) must match the size of b (4)"
        + " at dimension 1 (counting from the right: 1)", e.getMessage());
  }

  @Test
  void axisOutOfRangeIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(2, 3).axis(2, "sum"));
    assertEquals("sum: axis 2 is out of range for shape (2, 3) (rank 2)", e.getMessage());
  }

  @Test
  void negativeDimensionIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
  }
}
