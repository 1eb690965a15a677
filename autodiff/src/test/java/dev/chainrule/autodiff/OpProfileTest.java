package dev.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpProfileTest {
  /** {@code y = x * sigmoid(x)} with its rule written in other ops, as a user's op would be. */
  private static final class Swish extends Function {
    private Tensor x;

    @Override
    protected Tensor forward(Tensor... inputs) {
      x = inputs[0];
      return x.mul(x.sigmoid());
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor s = x.sigmoid();
      return new Tensor[] {g.mul(s.add(x.mul(s).mul(s.neg().add(1))))};
    }
  }

  private static Map<String, OpProfile.Row> byOp(OpProfile profile) {
    return profile.rows().stream().collect(Collectors.toMap(OpProfile.Row::op, r -> r));
  }

  @Test
  void eachOpIsChargedItsForwardAndItsBackwardWithTheOpsInsideThemIncluded() {
    Tensor x = Tensor.of(new double[] {-1, 0.5, 2}).requiresGrad();
    Tensor w = Tensor.of(new double[] {3, 2, 1});
    OpProfile profile;
    try (OpProfile p = OpProfile.start()) {
      profile = p;
      new Swish().apply(x).mul(w).sum().backward();
    }
    Map<String, OpProfile.Row> rows = byOp(profile);
    assertEquals(List.of("Mul", "Sum", "Swish"), rows.keySet().stream().sorted().toList(),
        "the Sigmoid, Mul, Add and Neg inside Swish's forward and backward are Swish's: " + rows);
    for (OpProfile.Row row : rows.values()) {
      assertEquals(1, row.forwardCalls(), row.toString());
      assertEquals(1, row.backwardCalls(), row.toString());
      assertTrue(row.forwardNanos() > 0 && row.backwardNanos() > 0, row.toString());
    }
    assertTrue(profile.opNanos() <= profile.elapsedNanos());
    Map<String, OpProfile.Row> inner = profile.innerRows().stream()
        .collect(Collectors.toMap(OpProfile.Row::op, r -> r));
    assertEquals(1, inner.get("Swish forward / Sigmoid").forwardCalls(), inner.toString());
    assertEquals(1, inner.get("Swish forward / Mul").forwardCalls(), inner.toString());
    assertEquals(3, inner.get("Swish backward / Mul").forwardCalls(), "g (s + x s (1 - s)) has three: " + inner);
    assertTrue(inner.keySet().stream().allMatch(k -> k.startsWith("Swish ") || k.startsWith("Mul ")
        || k.startsWith("Sum ")), "one level down only, each under its outermost op: " + inner.keySet());
    long swishForwardInside = profile.innerRows().stream().filter(r -> r.op().startsWith("Swish forward / "))
        .mapToLong(OpProfile.Row::nanos).sum();
    assertTrue(swishForwardInside <= rows.get("Swish").forwardNanos(), "the inner ops' time is part of Swish's");
  }

  @Test
  void opsOutsideTheProfileOrOnAnotherThreadAreNotCharged() throws Exception {
    Tensor x = Tensor.of(new double[] {1, 2});
    x.exp();
    OpProfile profile;
    try (OpProfile p = OpProfile.start()) {
      profile = p;
      x.neg();
      CompletableFuture.runAsync(() -> x.exp().log()).get();
    }
    x.tanh();
    assertEquals(List.of("Neg"), profile.rows().stream().map(OpProfile.Row::op).toList());
    assertEquals(0, profile.rows().get(0).backwardCalls(), "nothing was differentiated");
  }

  @Test
  void profilesDoNotNestAndClosingTwiceIsHarmless() {
    OpProfile outer = OpProfile.start();
    IllegalStateException e = assertThrows(IllegalStateException.class, OpProfile::start);
    assertEquals("OpProfile.start: a profile is already open on this thread; close it first", e.getMessage());
    outer.close();
    long elapsed = outer.elapsedNanos();
    outer.close();
    assertEquals(elapsed, outer.elapsedNanos(), "a closed profile's time is fixed");
    try (OpProfile next = OpProfile.start()) {
      Tensor.of(new double[] {1}).neg();
      assertEquals(1, next.rows().size());
    }
    assertTrue(outer.rows().isEmpty());
  }

  @Test
  void theTableListsEveryOpAndTheTimeOutsideOps() {
    OpProfile profile;
    try (OpProfile p = OpProfile.start()) {
      profile = p;
      Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad();
      x.exp().sum().backward();
    }
    String table = profile.table();
    List<String> lines = table.lines().toList();
    int outer = profile.rows().size();
    assertEquals(1 + outer + 1 + profile.innerRows().size(), lines.size(), table);
    assertTrue(lines.get(0).startsWith("op "), table);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("Exp ") && l.contains(" 1 ")), table);
    assertTrue(lines.get(outer + 1).startsWith("(outside ops)"), table);
    assertTrue(lines.contains(lines.stream().filter(l -> l.startsWith("  Exp backward / Mul ")).findFirst()
        .orElseThrow(() -> new AssertionError(table))));
  }
}
