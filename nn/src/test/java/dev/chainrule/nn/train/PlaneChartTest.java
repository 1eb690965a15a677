package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PlaneChartTest {
  @TempDir
  Path dir;

  /** {@code f(x, y)} sampled at the cell centres of {@code [-1, 1]^2}, {@code n} cells a side. */
  private static double[][] sample(int n, java.util.function.DoubleBinaryOperator f) {
    double[] c = PlaneChart.centres(-1, 1, n);
    double[][] values = new double[n][n];
    for (int row = 0; row < n; row++) {
      for (int col = 0; col < n; col++) {
        values[row][col] = f.applyAsDouble(c[col], c[row]);
      }
    }
    return values;
  }

  private Document parse(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  private static List<Element> elements(Document svg, String tag) {
    NodeList nodes = svg.getElementsByTagName(tag);
    List<Element> list = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add((Element) nodes.item(i));
    }
    return list;
  }

  @Test
  void centresAreTheMiddlesOfEqualCells() {
    assertArrayEquals(new double[] {-0.75, -0.25, 0.25, 0.75}, PlaneChart.centres(-1, 1, 4), 1e-12);
  }

  @Test
  void svgHasTheFieldTheColourBarThePointsAndTheLegend() throws Exception {
    Path file = dir.resolve("plane.svg");
    new PlaneChart("Boundary", "x1", "x2")
        .field(sample(40, (x, y) -> x < 0 ? 0.1 : 0.9), -1, 1, -1, 1, "P(y = 1)")
        .palette(PlaneChart.Palette.DIVERGING)
        .points("class 0", new double[] {-0.5, -0.6}, new double[] {0.2, 0.3})
        .points("class 1", new double[] {0.5, 0.6, 5}, new double[] {0.2, 0.3, 0}) // (5, 0) is off the plot
        .writeSvg(file);
    Document svg = parse(file);
    String text = Files.readString(file);
    for (String label : List.of(">Boundary<", ">x1<", ">x2<", ">P(y = 1)<", ">class 0<", ">class 1<")) {
      assertTrue(text.contains(label), label + " missing");
    }
    // 2 + 2 points drawn (the off-plot one left out) and 2 legend dots, each a rim and a fill
    assertEquals(2 * (4 + 2), elements(svg, "circle").size());
    // a field of two constant halves: one rectangle per half-row, 40 rows, at the plot's left edge and middle
    List<Element> cells = elements(svg, "rect").stream().filter(r -> r.hasAttribute("x")
        && !r.getAttribute("fill").equals("none") && Double.parseDouble(r.getAttribute("x")) < 490).toList();
    assertEquals(80, cells.size(), "runs of one band are merged into one rectangle per row and half");
    assertEquals(40, cells.stream().filter(r -> r.getAttribute("x").equals("70.0")).count());
    assertEquals(40, cells.stream().filter(r -> r.getAttribute("x").equals("280.0")).count());
  }

  /** Cells meeting edge to edge leave a hairline of background where anti-aliasing blends both edges. */
  @Test
  void everySeamBetweenRowsOfCellsIsCoveredByAnOverlap() throws Exception {
    Path file = dir.resolve("seams.svg");
    new PlaneChart("Uniform", "x", "y").field(sample(40, (x, y) -> 0.5), -1, 1, -1, 1, "v").writeSvg(file);
    List<double[]> cells = new ArrayList<>(); // y, height of the field's rectangles (left of the colour bar)
    for (Element rect : elements(parse(file), "rect")) {
      if (!rect.getAttribute("x").isEmpty() && Double.parseDouble(rect.getAttribute("x")) < 480
          && !rect.getAttribute("fill").equals("none")) {
        cells.add(new double[] {Double.parseDouble(rect.getAttribute("y")),
            Double.parseDouble(rect.getAttribute("height"))});
      }
    }
    double plotTop = cells.stream().mapToDouble(c -> c[0]).min().orElseThrow();
    for (double[] row : cells) {
      double seam = row[0];
      if (seam > plotTop) {
        assertTrue(cells.stream().anyMatch(c -> c[0] < seam - 0.05 && c[0] + c[1] > seam + 0.05),
            "nothing overlaps the seam at y = " + seam);
      }
    }
    assertEquals(40, cells.size(), "one merged rectangle per row of a uniform field");
  }

  @Test
  void aPathLeavingThePlotBreaksAndHasMarkersAndALegend() throws Exception {
    Path file = dir.resolve("path.svg");
    new PlaneChart("Paths", "w1", "w2")
        .field(sample(20, (x, y) -> x * x + 10 * y * y + 0.01), -1, 1, -1, 1, "loss").logColors()
        .path("SGD", new double[] {-0.9, -0.5, 3, 0.2, 0.0}, new double[] {0.9, 0.5, 3, 0.1, 0.0})
        .writeSvg(file);
    Document svg = parse(file);
    List<Element> lines = elements(svg, "polyline");
    assertEquals(2, lines.size(), "the point at (3, 3) is off the plot, so the line breaks there");
    assertEquals(2, lines.get(0).getAttribute("points").split(" ").length);
    assertEquals(2, lines.get(1).getAttribute("points").split(" ").length);
    assertTrue(Files.readString(file).contains(">SGD<"));
    // the values span 0.04 to 9.9: a log colour bar in half decades, the whole decades labelled
    String text = Files.readString(file);
    assertTrue(text.contains(">0.1<") && text.contains(">1<") && text.contains(">10<"), text);
  }

  @Test
  void aLongPathGetsAtMostTwentyOddMarkers() throws Exception {
    int n = 500;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = Math.cos(i * 0.01);
      ys[i] = Math.sin(i * 0.01);
    }
    Path file = dir.resolve("long.svg");
    new PlaneChart("Long", "x", "y").path("circle", xs, ys).writeSvg(file);
    int circles = elements(parse(file), "circle").size();
    assertTrue(circles <= 2 * 22 + 2, "markers on every 25th step only, found " + circles + " circles");
  }

  @Test
  void aHundredByHundredSmoothFieldStaysSmall() throws Exception {
    Path file = dir.resolve("big.svg");
    new PlaneChart("Big", "x", "y").field(sample(100, (x, y) -> Math.sin(3 * x) * Math.cos(2 * y)), -1, 1, -1, 1,
        "f").writeSvg(file);
    assertTrue(Files.size(file) < 500_000, Files.size(file) + " bytes");
  }

  @Test
  void pngShowsTheFieldColours(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plane.png");
    new PlaneChart("Png", "x", "y").field(sample(30, (x, y) -> x), -1, 1, -1, 1, "x")
        .palette(PlaneChart.Palette.DIVERGING).writePng(file);
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(780, image.getWidth());
    int left = image.getRGB(80, 200) & 0xffffff;
    int right = image.getRGB(480, 200) & 0xffffff;
    assertTrue((left & 0xff) > (left >> 16) + 60, "the low end is blue: " + Integer.toHexString(left));
    assertTrue((right >> 16) > (right & 0xff) + 60, "the high end is orange: " + Integer.toHexString(right));
  }

  @Test
  void aFixedColourRangeColoursLikeValuesAlikeAcrossCharts() throws Exception {
    Path narrow = dir.resolve("narrow.svg");
    Path wide = dir.resolve("wide.svg");
    // the same value 0.45 in a field spanning 0.4 to 0.6 and in one spanning 0 to 1
    new PlaneChart("a", "x", "y").field(sample(10, (x, y) -> x < 0 ? 0.45 : 0.6), -1, 1, -1, 1, "p")
        .colorRange(0, 1).writeSvg(narrow);
    new PlaneChart("b", "x", "y").field(sample(10, (x, y) -> x < 0 ? 0.45 : 1), -1, 1, -1, 1, "p")
        .colorRange(0, 1).writeSvg(wide);
    String first = cellAtLeftEdge(parse(narrow));
    assertEquals(first, cellAtLeftEdge(parse(wide)));
    assertTrue(Files.readString(narrow).contains(">0.0<") && Files.readString(narrow).contains(">1.0<"),
        "the colour bar spans the fixed range");
    assertThrows(IllegalArgumentException.class, () -> new PlaneChart("c", "x", "y").colorRange(1, 1));
  }

  private static String cellAtLeftEdge(Document svg) {
    return elements(svg, "rect").stream().filter(r -> r.getAttribute("x").equals("70.0")
        && !r.getAttribute("fill").equals("none")).findFirst().orElseThrow().getAttribute("fill");
  }

  @Test
  void badFieldsAreRejectedWithTheReason() {
    PlaneChart chart = new PlaneChart("t", "x", "y");
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> chart.field(new double[][] {{1, 2, 3}, {1, 2}}, 0, 1, 0, 1, "f"));
    assertTrue(ragged.getMessage().contains("row 1 has 2 values but row 0 has 3"), ragged.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> chart.field(new double[][] {{1, 2}, {Double.NaN, 2}}, 0, 1, 0, 1, "f"));
    assertTrue(nan.getMessage().contains("row 1, column 0 is NaN"), nan.getMessage());
    IllegalArgumentException extent = assertThrows(IllegalArgumentException.class,
        () -> chart.field(new double[][] {{1, 2}, {1, 2}}, 1, 0, 0, 1, "f"));
    assertTrue(extent.getMessage().contains("min < max"), extent.getMessage());
    IllegalArgumentException tooFine = assertThrows(IllegalArgumentException.class,
        () -> chart.field(new double[201][2], 0, 1, 0, 1, "f"));
    assertTrue(tooFine.getMessage().contains("2 to 200 rows, got 201"), tooFine.getMessage());
  }

  @Test
  void logColoursNeedPositiveValues() {
    PlaneChart chart = new PlaneChart("Surface", "x", "y").field(new double[][] {{1, 0}, {2, 3}}, 0, 1, 0, 1, "f")
        .logColors();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> chart.writeSvg(dir.resolve("x.svg")));
    assertTrue(e.getMessage().contains("logColors needs positive field values") && e.getMessage().contains("0.0"),
        e.getMessage());
  }

  @Test
  void badPointsAndEmptyChartsAreRejected() {
    PlaneChart chart = new PlaneChart("t", "x", "y");
    IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
        () -> chart.points("a", new double[] {1, 2}, new double[] {1}));
    assertTrue(lengths.getMessage().contains("points a: 2 x values but 1 y values"), lengths.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> chart.path("p", new double[0], new double[0]));
    assertTrue(empty.getMessage().contains("path p: no points"), empty.getMessage());
    IllegalStateException nothing = assertThrows(IllegalStateException.class,
        () -> chart.writeSvg(dir.resolve("x.svg")));
    assertTrue(nothing.getMessage().contains("nothing to draw"), nothing.getMessage());
  }
}
