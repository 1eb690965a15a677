package dev.chainrule.autodiff.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.GraphScope;
import dev.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/** Clusters, collapsing and the depth limit, on a two-layer graph whose layers are opened as graph scopes. */
class GraphDumpScopeTest {
  private static final String BOX = "m0 [shape=box3d, style=filled, fillcolor=\"#e2f0d9\", label=\"0 (Layer)\\n"
      + "(2, 2) -> (2, 2)\\n2 ops, 1 parameter\"];";

  /**
   * {@code loss = sum((tanh(x w1) w2)^2)}: in scope {@code Net}, {@code 0 (Layer)} records MatMul (op0) and Tanh
   * (op1) reading w1 (t1), {@code 1 (Layer)} records MatMul (op2) reading w2 (t4); Mul (op3) and Sum (op4) are at
   * the top level, as is the constant x (t0).
   */
  static Tensor twoLayerLoss() {
    Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}}).named("x");
    Tensor w1 = Tensor.of(new double[][] {{0.5, -1}, {0.25, 2}}).named("w1").requiresGrad();
    Tensor w2 = Tensor.of(new double[][] {{1}, {-1}}).named("w2").requiresGrad();
    Tensor y;
    try (var model = GraphScope.enter("Net")) {
      Tensor h;
      try (var layer = GraphScope.enter("0 (Layer)")) {
        h = x.matmul(w1).tanh();
      }
      try (var layer = GraphScope.enter("1 (Layer)")) {
        y = h.matmul(w2);
      }
    }
    return y.square().sum();
  }

  @Test
  void dotNestsTheClustersOfModuleScopes() {
    String dot = GraphDump.of(twoLayerLoss()).toDot();
    int net = dot.indexOf("subgraph cluster_0 {\n    label=\"Net\";");
    int layer0 = dot.indexOf("    subgraph cluster_1 {\n      label=\"0 (Layer)\";");
    int w1 = dot.indexOf("      t1 [shape=record");
    int op1 = dot.indexOf("      op1 [shape=ellipse");
    int layer1 = dot.indexOf("    subgraph cluster_2 {\n      label=\"1 (Layer)\";");
    int w2 = dot.indexOf("      t4 [shape=record");
    assertTrue(net > 0 && net < layer0 && layer0 < w1 && w1 < op1 && op1 < layer1 && layer1 < w2, dot);
    // x and the loss's ops belong to no module: they come first, at the top level.
    assertTrue(dot.indexOf("  t0 [shape=record") < net && dot.indexOf("  op4 [shape=ellipse") < net, dot);
  }

  @Test
  void everyFormatNamesTheScopes() {
    GraphDump dump = GraphDump.of(twoLayerLoss());
    String mermaid = dump.toMermaid();
    assertTrue(mermaid.contains("  subgraph cluster_0[\"Net\"]\n    subgraph cluster_1[\"0 (Layer)\"]\n"
        + "      t1[\"w1 (t1)"), mermaid);
    assertTrue(mermaid.contains("      op1([\"Tanh<br/>"), mermaid);
    assertTrue(mermaid.contains("    end\n    subgraph cluster_2[\"1 (Layer)\"]"), mermaid);
    String text = dump.toText();
    assertTrue(text.contains("Tanh (op1) [Net / 0 (Layer)]: dy/dx = 1 - y^2"), text);
    assertTrue(text.contains("Sum (op4): dy/dx_i = 1"), text);
    String json = dump.toJson();
    JsonSyntax.check(json);
    assertTrue(json.contains("{\"id\": \"t1\", \"kind\": \"value\", \"label\": \"w1\", \"role\": \"parameter\","
        + " \"op\": null, \"scope\": [\"Net\", \"0 (Layer)\"]"), json);
    assertTrue(json.contains("{\"id\": \"op4\", \"kind\": \"op\", \"op\": \"Sum\", \"scope\": null"), json);
  }

  @Test
  void aGraphWithoutScopesHasNoClusters() {
    String dot = GraphDump.of(GraphDumpGoldenTest.logisticLoss()).toDot();
    assertFalse(dot.contains("subgraph"), dot);
  }

  @Test
  void aCollapsedModuleIsOneBoxWithItsShapesAndItsEdgesReattached() {
    GraphDump full = GraphDump.of(twoLayerLoss());
    GraphDump collapsed = full.collapse("0 (Layer)");
    String dot = collapsed.toDot();
    assertTrue(dot.contains(BOX), dot);
    // Its parameter w1 (t1), its MatMul (op0), Tanh (op1) and the value between them (t2) are hidden.
    for (String hidden : new String[] {"t1 [", "t2 [", "op0 [", "op1 ["}) {
      assertFalse(dot.contains(hidden), hidden + " in\n" + dot);
    }
    // x flows in, the layer's output t3 flows out and stays visible; other ids do not change.
    assertTrue(dot.contains("  t0 -> m0;\n") && dot.contains("  m0 -> t3;\n"), dot);
    assertTrue(dot.contains("  t3 -> op2 [label=\"0\"];"), dot);
    assertTrue(full.toDot().contains("  t3 -> op2 [label=\"0\"];"), full.toDot());
    // The box sits in the enclosing module's cluster.
    assertTrue(dot.indexOf("subgraph cluster_0") < dot.indexOf("    m0 [shape=box3d"), dot);
    assertEquals(dot, full.collapse("Net / 0 (Layer)").toDot());
    assertTrue(collapsed.toText().contains("0 (Layer) (m0) [Net]: module (2, 2) -> (2, 2), 2 ops, 1 parameter"),
        collapsed.toText());
    assertTrue(collapsed.toMermaid().contains("m0[[\"0 (Layer)<br/>(2, 2) -#gt; (2, 2)<br/>2 ops, 1 parameter\"]]"),
        collapsed.toMermaid());
    String json = collapsed.toJson();
    JsonSyntax.check(json);
    assertTrue(json.contains("{\"id\": \"m0\", \"kind\": \"module\", \"name\": \"0 (Layer)\", \"scope\": [\"Net\"],"
        + " \"ops\": 2, \"parameters\": 1}"), json);
    assertTrue(json.contains("{\"from\": \"t0\", \"to\": \"m0\"}"), json);
  }

  @Test
  void collapsingByDepthChoosesEveryScopeAtThatNesting() {
    GraphDump full = GraphDump.of(twoLayerLoss());
    assertEquals(full.collapse("0 (Layer)", "1 (Layer)").toDot(), full.collapseDepth(2).toDot());
    String model = full.collapseDepth(1).toText();
    assertTrue(model.contains("Net (m0): module (2, 2) -> (2, 1), 3 ops, 2 parameters"), model);
    assertEquals(full.toDot(), full.collapseDepth(0).toDot());
    assertEquals(full.toDot(), full.collapseDepth(3).toDot());
    assertThrows(IllegalArgumentException.class, () -> full.collapseDepth(-1));
  }

  @Test
  void theRootStaysVisibleWhenItsModuleIsCollapsed() {
    Tensor x = Tensor.of(new double[] {1, 2}).named("x");
    Tensor w = Tensor.of(new double[] {3, -1}).requiresGrad().named("w");
    Tensor y;
    try (var m = GraphScope.enter("M")) {
      y = x.mul(w).neg().named("y");
    }
    assertEquals("y (t3): from Neg, (2,) float64, value [-3, 2]\n"
        + "  M (m0): module (2,) -> (2,), 2 ops, 1 parameter\n"
        + "    x (t0): constant, (2,) float64, value [1, 2]\n", GraphDump.of(y).collapse("M").toText());
    Tensor fromParameterOnly;
    try (var m = GraphScope.enter("M")) {
      fromParameterOnly = w.exp();
    }
    assertTrue(GraphDump.of(fromParameterOnly).collapse("M").toText()
        .contains("M (m0): module nothing -> (2,), 1 op, 1 parameter"));
  }

  @Test
  void aValueTheBoxMakesAndReadsAgainIsAnOutputOnlyNotAnInput() {
    Tensor x = Tensor.of(new double[] {1, 2}).named("x");
    Tensor w = Tensor.of(new double[] {3, -1}).requiresGrad().named("w");
    Tensor h;
    Tensor inner;
    try (var m = GraphScope.enter("M")) {
      h = x.mul(w).named("h");
      inner = h.exp();
    }
    String dot = GraphDump.of(h.add(inner)).collapse("M").toDot();
    assertTrue(dot.contains("  t0 -> m0;\n  m0 -> t2;\n  m0 -> t3;\n"), dot);
    assertFalse(dot.contains("t2 -> m0"), dot);
  }

  @Test
  void anUnknownModuleNameIsRefusedWithTheScopesThereAre() {
    GraphDump dump = GraphDump.of(twoLayerLoss());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dump.collapse("2 (Layer)"));
    assertTrue(e.getMessage().contains("cannot collapse '2 (Layer)'")
        && e.getMessage().contains("[Net, Net / 0 (Layer), Net / 1 (Layer)]"), e.getMessage());
  }

  @Test
  void optionsMayBeChosenAfterBackwardAndShowTheGradients() {
    Tensor loss = twoLayerLoss();
    GraphDump dump = GraphDump.of(loss);
    loss.backward();
    String text = dump.collapse("0 (Layer)").toText();
    assertTrue(text.contains("w2 (t4): parameter, (2, 1) float64, value [[1], [-1]], grad "), text);
    assertFalse(text.contains("w1"), text);
  }

  @Test
  void theDepthLimitCutsOpsFarFromTheRootAndMarksWhatWasCut() {
    GraphDump dump = GraphDump.of(twoLayerLoss()).maxDepth(2);
    String text = dump.toText();
    // Kept: Sum (depth 1), Mul (depth 2). Left out: 3 ops and the 5 values only they touch.
    assertTrue(text.startsWith("t2: from Sum"), text);
    assertTrue(text.contains("t0: from MatMul (not shown), (2, 1) float64"), text);
    assertTrue(text.endsWith("cut off (their producers not shown): t0\n... 8 nodes not shown\n"), text);
    String dot = dump.toDot();
    assertTrue(dot.contains("  cut_t0 [shape=plaintext, label=\"...\"];\n  cut_t0 -> t0 [style=dashed];\n"), dot);
    assertTrue(dot.contains("not_shown [shape=note, label=\"... 8 nodes not shown\"]"), dot);
    assertTrue(dump.toMermaid().contains("  cut_t0[\"...\"] -.-> t0\n"), dump.toMermaid());
    assertTrue(dump.toJson().contains("\"notShown\": 8,\n  \"cut\": [\"t0\"],"), dump.toJson());
    GraphDump full = GraphDump.of(twoLayerLoss());
    assertEquals(full.toDot(), full.maxDepth(5).toDot());
    assertEquals(full.maxDepth(2).toDot(), full.maxDepth(3).maxNodes(2).toDot());
    assertThrows(IllegalArgumentException.class, () -> full.maxDepth(0));
  }

  @Test
  void theDepthLimitCountsTheShortestWayToTheRoot() {
    Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad().named("x");
    Tensor a = x.exp().named("a");
    Tensor loss = a.neg().neg().add(a).sum();
    // Sum 1, Add 2, the outer Neg and Exp 3 (Exp is also 4 through the Negs), so depth 3 drops only the inner
    // Neg, whose input a (t1) and output t2 are still drawn.
    String text = GraphDump.of(loss).maxDepth(3).toText();
    assertTrue(text.endsWith("cut off (their producers not shown): t2\n... 1 nodes not shown\n"), text);
    assertTrue(text.contains("a (t1): from Exp,"), text);
  }
}
