package dev.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.graph.ScopePath;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphScopeTest {
  private static final Tensor X = Tensor.of(new double[] {1, 2}).requiresGrad();

  @Test
  void nodesRememberTheNestedScopesOpenWhenTheyWereRecorded() {
    Tensor outside = X.neg();
    Tensor inner;
    Tensor afterInner;
    try (var model = GraphScope.enter("Sequential")) {
      try (var layer = GraphScope.enter("0 (Linear)")) {
        inner = X.exp();
      }
      afterInner = X.abs();
    }
    Tensor after = X.tanh();
    assertNull(outside.gradFn().scope());
    assertEquals(List.of("Sequential", "0 (Linear)"), inner.gradFn().scope().names());
    assertEquals("Sequential / 0 (Linear)", inner.gradFn().scope().toString());
    assertEquals(List.of("Sequential"), afterInner.gradFn().scope().names());
    assertSame(afterInner.gradFn().scope(), inner.gradFn().scope().parent());
    assertNull(after.gradFn().scope());
    assertNull(GraphScope.current());
  }

  @Test
  void allNodesOfOneScopeShareOnePath() {
    try (var s = GraphScope.enter("block")) {
      assertSame(X.exp().gradFn().scope(), X.neg().gradFn().scope());
      assertSame(GraphScope.current(), X.neg().gradFn().scope());
    }
  }

  @Test
  void anExceptionInsideAScopeStillRestoresTheEnclosingOne() {
    try (var outer = GraphScope.enter("outer")) {
      ScopePath before = GraphScope.current();
      assertThrows(IllegalArgumentException.class, () -> {
        try (var inner = GraphScope.enter("inner")) {
          X.matmul(Tensor.ones(3));
        }
      });
      assertSame(before, GraphScope.current());
    }
    assertNull(GraphScope.current());
  }

  @Test
  void scopesArePerThread() throws InterruptedException {
    ScopePath[] seen = new ScopePath[1];
    try (var s = GraphScope.enter("main thread")) {
      Thread other = new Thread(() -> seen[0] = X.neg().gradFn().scope());
      other.start();
      other.join();
    }
    assertNull(seen[0]);
  }

  @Test
  void blankNamesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> GraphScope.enter(" "));
    assertThrows(NullPointerException.class, () -> GraphScope.enter(null));
    assertNull(GraphScope.current());
  }

  @Test
  void pathsCompareByNamesAndKnowTheirCommonPrefix() {
    ScopePath model = ScopePath.child(null, "Sequential");
    ScopePath first = ScopePath.child(model, "0 (Linear)");
    ScopePath second = ScopePath.child(model, "1 (Tanh)");
    assertEquals(first, ScopePath.child(ScopePath.child(null, "Sequential"), "0 (Linear)"));
    assertEquals(first.hashCode(), ScopePath.child(ScopePath.child(null, "Sequential"), "0 (Linear)").hashCode());
    assertFalse(first.equals(second));
    assertEquals(model, ScopePath.common(first, second));
    assertEquals(first, ScopePath.common(first, first));
    assertNull(ScopePath.common(first, ScopePath.child(null, "other")));
    assertNull(ScopePath.common(first, null));
    assertTrue(model.contains(first) && first.contains(first));
    assertFalse(first.contains(model) || first.contains(second) || model.contains(null));
    assertEquals(2, first.depth());
    assertSame(model, first.prefix(1));
    assertSame(first, first.prefix(5));
  }
}
