package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

  @Test
  void dashedAndMarkerSeriesAreDrawnInTheirStyle(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("styles.svg");
    new LineChart("Styles", "x", "y")
        .series("solid", epochs, new double[] {1, 2, 3, 4})
        .series("dashed", epochs, new double[] {2, 3, 4, 5}, LineChart.Style.DASHED)
        .series("dots", epochs, new double[] {3, Double.NaN, 5, 6}, LineChart.Style.MARKERS)
        .writeSvg(file);
    Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    int dashed = 0;
    for (int i = 0; i < svg.getElementsByTagName("polyline").getLength(); i++) {
      if (svg.getElementsByTagName("polyline").item(i).getAttributes().getNamedItem("stroke-dasharray") != null) {
        dashed++;
      }
    }
    assertEquals(2, dashed, "the dashed line and its legend sample");
    assertEquals(1, svg.getElementsByTagName("polyline").getLength() - dashed,
        "one solid line; markers draw no line");
    assertEquals(3 + 1, svg.getElementsByTagName("circle").getLength(), "three finite points and the legend dot");
  }

  @Test
  void aLogAxisHasDecadeTicksAndLeavesOutNonPositivePoints(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("log.svg");
    new LineChart("Error", "eps", "error").logX().logY()
        .series("error", new double[] {1e-8, 1e-6, 1e-4, 1e-2, 0}, new double[] {1e-3, 1e-7, 1e-9, 1e-5, 1})
        .writeSvg(file);
    String text = Files.readString(file);
    // x spans decades -8 to -2 and y -9 to -3; six ticks at most, so every other decade
    for (String tick : List.of(">1e-8<", ">1e-6<", ">1e-4<", ">0.01<", ">1e-10<")) {
      assertTrue(text.contains(tick), tick + " missing in " + text);
    }
    Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    String points = svg.getElementsByTagName("polyline").item(0).getAttributes().getNamedItem("points")
        .getNodeValue();
    assertEquals(4, points.split(" ").length, "the point at x = 0 cannot be drawn on a log axis: " + points);
  }

  @Test
  void aLogAxisWithoutPositiveValuesIsAnErrorSayingSo(@TempDir Path dir) {
    LineChart chart = new LineChart("t", "x", "y").logY().series("s", new double[] {1, 2}, new double[] {0, -1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> chart.writeSvg(dir.resolve("x.svg")));
    assertTrue(e.getMessage().contains("log axis"), e.getMessage());
  }

  @Test
  void pngDrawsMarkersAndDashes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("styles.png");
    new LineChart("Styles", "x", "y")
        .series("dashed", epochs, new double[] {1, 2, 3, 4}, LineChart.Style.DASHED)
        .series("dots", epochs, new double[] {4, 3, 2, 1}, LineChart.Style.MARKERS)
        .writePng(file);
    BufferedImage image = ImageIO.read(file.toFile());
    int orange = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        if ((rgb >> 16) > 200 && ((rgb >> 8) & 0xff) > 100 && ((rgb >> 8) & 0xff) < 160 && (rgb & 0xff) < 60) {
          orange++; // the second series' colour, #ff7f0e
        }
      }
    }
    assertTrue(orange > 20, "the orange markers should be drawn, found " + orange + " orange pixels");
  }

  @Test
  void aFailedWriteNamesTheChartTheFileAndTheReason(@TempDir Path dir) throws Exception {
    Path svg = dir.resolve("loss.svg");
    chart().writeSvg(svg);
    String previous = Files.readString(svg);
    Path png = Files.createDirectory(dir.resolve("loss.png"));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> chart().writePng(png));
    assertEquals("LineChart: " + png + ": cannot write (Is a directory)", e.getMessage());
    assertEquals(previous, Files.readString(svg));
  }

  @Test
  void aReadOnlyDirectoryIsNamedWithPermissionDenied(@TempDir Path dir) throws Exception {
    Path svg = dir.resolve("loss.svg");
    chart().writeSvg(svg);
    String previous = Files.readString(svg);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
    try {
      assumeFalse(Files.isWritable(dir), "root may write into a read-only directory");
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new LineChart("Loss", "epoch", "loss").writeSvg(svg));
      assertEquals("LineChart: " + svg + ": cannot write (Permission denied)", e.getMessage());
      assertEquals(previous, Files.readString(svg));
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
