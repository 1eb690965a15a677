package dev.chainrule.autodiff.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.autodiff.AnomalyException;
import dev.chainrule.autodiff.AnomalyMode;
import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GraphScope;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.Graphviz;
import dev.chainrule.autodiff.testing.Requirements;
import dev.chainrule.autodiff.testing.SmallDisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of DOT a dump writes is accepted by Graphviz without a warning, and {@code render} makes SVG and
 * PNG. Skipped only where Graphviz's {@code dot} is not installed.
 */
class DotRenderTest {
  @BeforeAll
  static void graphvizIsInstalled() {
    Requirements.requireGraphviz();
  }

  @Test
  void everyKindOfDumpIsValidDot() throws Exception {
    Map<String, String> dots = new LinkedHashMap<>();
    Tensor logistic = GraphDumpGoldenTest.logisticLoss();
    GraphDump plain = GraphDump.of(logistic);
    dots.put("plain", plain.toDot());
    dots.put("max nodes", plain.maxNodes(2).toDot());
    dots.put("max depth", plain.maxDepth(3).toDot());
    Tensor twoLayer = GraphDumpScopeTest.twoLayerLoss();
    GraphDump clustered = GraphDump.of(twoLayer);
    dots.put("clusters", clustered.toDot());
    dots.put("collapsed layer", clustered.collapse("0 (Layer)").toDot());
    dots.put("collapsed layers", clustered.collapseDepth(2).toDot());
    dots.put("collapsed model", clustered.collapseDepth(1).toDot());
    dots.put("collapsed and cut", clustered.collapseDepth(2).maxDepth(3).toDot());
    logistic.backward();
    twoLayer.backward();
    dots.put("after backward", plain.toDot());
    dots.put("clusters after backward", clustered.toDot());
    Tensor a = ScalarGraphTest.quarters(Shape.of(2, 3), 1).requiresGrad();
    Tensor b = ScalarGraphTest.quarters(Shape.of(3, 2), 2).requiresGrad();
    ScalarGraph exploded = ScalarGraph.explode(a.matmul(b));
    exploded.backward(Tensor.ones(DType.FLOAT64, 2, 2));
    dots.put("exploded", exploded.dump().toDot());
    Tensor x = Tensor.of(new double[] {-1, 0}).requiresGrad();
    try (var on = AnomalyMode.on()) {
      x.log().sum();
    } catch (AnomalyException e) {
      dots.put("highlight", e.dump().toDot());
    }
    dots.put("special characters", oddLabels().toDot());
    dots.put("special characters collapsed", oddLabels().collapseDepth(2).toDot());
    assertEquals(14, dots.size(), dots.keySet().toString());
    for (Map.Entry<String, String> e : dots.entrySet()) {
      Graphviz.svg(e.getKey(), e.getValue());
    }
  }

  /** Labels and scope names holding every character DOT, records and HTML treat specially. */
  static GraphDump oddLabels() {
    Tensor x = Tensor.of(new double[] {1, 2}).named("x \"q\" {a|b} <c> \\ & #1\nnext").requiresGrad();
    Tensor y;
    try (var outer = GraphScope.enter("outer \"q\" {a|b} <c> \\ & #1")) {
      try (var inner = GraphScope.enter("inner\nline ]")) {
        y = x.exp().named("y [1] -> 'z' %");
      }
    }
    return GraphDump.of(y.sum());
  }

  @Test
  void specialCharactersSurviveIntoTheSvg() throws Exception {
    String svg = Graphviz.svg("special characters", oddLabels().toDot());
    assertTrue(svg.contains("x &quot;q&quot; {a|b} &lt;c&gt; \\ &amp; #1"), svg);
    assertTrue(svg.contains("outer &quot;q&quot; {a|b} &lt;c&gt; \\ &amp; #1"), svg);
    assertTrue(svg.contains("y [1] &#45;&gt; &#39;z&#39; %") || svg.contains("y [1] -&gt; 'z' %"), svg);
  }

  @Test
  void renderWritesSvgAndPng(@TempDir Path dir) throws IOException {
    Tensor loss = GraphDumpScopeTest.twoLayerLoss();
    GraphDump dump = GraphDump.of(loss).collapse("1 (Layer)");
    loss.backward();
    Path dot = dir.resolve("two-layer.dot");
    assertEquals("wrote " + dot + " and " + dir.resolve("two-layer.svg"), dump.render(dot, "svg"));
    assertTrue(Files.readString(dir.resolve("two-layer.svg")).contains("<svg"));
    assertTrue(Files.readString(dir.resolve("two-layer.svg")).contains("1 (Layer)"));
    assertEquals("wrote " + dot + " and " + dir.resolve("two-layer.png"), dump.render(dot, "png"));
    byte[] png = Files.readAllBytes(dir.resolve("two-layer.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    assertTrue(png.length > 1000, "png of " + png.length + " bytes");
  }

  @Test
  void aRenderThatDoesNotFitLeavesThePreviousDumpAndPicture(@TempDir Path dir) throws Exception {
    Optional<SmallDisk> mounted = SmallDisk.mount(dir.resolve("small"), "64k");
    assumeTrue(mounted.isPresent(), "mounting a tmpfs needs root");
    try (SmallDisk disk = mounted.get()) {
      Path dot = Files.writeString(disk.directory().resolve("chain.dot"), "previous dump");
      Files.writeString(disk.directory().resolve("chain.svg"), "previous picture");
      Tensor x = Tensor.of(new float[] {1f}, 1).requiresGrad(true);
      Tensor y = x;
      for (int i = 0; i < 2_000; i++) {
        y = y.mul(1.0001);
      }
      GraphDump dump = GraphDump.of(y);
      IOException full = assertThrows(IOException.class, () -> dump.render(dot, "svg"));
      assertTrue(full.getMessage().contains("chain.dot"), full.getMessage());
      assertEquals("previous dump", Files.readString(dot));
      assertEquals("previous picture", Files.readString(disk.directory().resolve("chain.svg")));
      try (Stream<Path> files = Files.list(disk.directory())) {
        assertEquals(List.of("chain.dot", "chain.svg"), files.map(f -> f.getFileName().toString()).sorted().toList());
      }
    }
  }
}
