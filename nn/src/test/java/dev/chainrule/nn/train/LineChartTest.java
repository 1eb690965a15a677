package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class LineChartTest {
  private final double[] epochs = {1, 2, 3, 4};

  private LineChart chart() {
    return new LineChart("Loss", "epoch", "loss")
        .series("train", epochs, new double[] {1.2, 0.7, 0.5, 0.4})
        .series("validation", epochs, new double[] {1.3, 0.8, Double.NaN, 0.6});
  }

  @Test
  void svgIsWellFormedWithOneLinePerSeriesAndALegend(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("loss.svg");
    chart().writeSvg(file);
    Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    assertEquals("svg", svg.getDocumentElement().getNodeName());
    assertEquals(2, svg.getElementsByTagName("polyline").getLength());
    String text = Files.readString(file);
    assertTrue(text.contains(">train<") && text.contains(">validation<") && text.contains(">Loss<"), text);
    String validation = svg.getElementsByTagName("polyline").item(1).getAttributes().getNamedItem("points")
        .getNodeValue();
    assertEquals(3, validation.split(" ").length, "the NaN point is left out: " + validation);
  }

  @Test
  void pngHasTheChartsSizeAndIsNotBlank(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("loss.png");
    chart().writePng(file);
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(640, image.getWidth());
    assertEquals(400, image.getHeight());
    int colored = 0;
    for (int x = 0; x < image.getWidth(); x += 2) {
      for (int y = 0; y < image.getHeight(); y += 2) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        int r = rgb >> 16;
        int b = rgb & 0xff;
        if (b > r + 60) {
          colored++; // the first series is blue
        }
      }
    }
    assertTrue(colored > 20, "the blue training line should be drawn, found " + colored + " blue samples");
  }

  @Test
  void ticksAreNiceRoundNumbersCoveringTheRange() {
    Ticks t = Ticks.of(0.37, 1.23, 6);
    assertEquals(0.2, t.step(), 1e-12);
    assertEquals(List.of(0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4), t.values().stream()
        .map(v -> Math.round(v * 10) / 10.0).toList());
    assertEquals("0.4", t.label(0.4));
    assertEquals("5", Ticks.of(0, 97, 6).label(5));
  }

  @Test
  void chartWithoutFinitePointsIsAnError(@TempDir Path dir) {
    LineChart empty = new LineChart("t", "x", "y").series("s", new double[] {1}, new double[] {Double.NaN});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> empty.writeSvg(dir.resolve("x.svg")));
    assertTrue(e.getMessage().contains("no finite points"), e.getMessage());
  }
}
