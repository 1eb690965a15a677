package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A chart of the plane: a scalar field painted in the background as filled colour bands with a colour bar (a
 * classifier's probability, a loss surface), groups of points on top (a data set, one colour per class) and
 * paths (an optimizer's steps), each with a legend entry. Written as SVG or PNG by the same drawing code.
 *
 * <p>The field is a grid of values: {@code values[row][col]} is the value at the centre of cell
 * {@code (col, row)} when the extent {@code [xMin, xMax] x [yMin, yMax]} is cut into {@code cols x rows} equal
 * cells, row 0 at the bottom; {@link #centres} gives those centre coordinates. A 60x60 to 100x100 grid is plenty.
 * The field fixes the axes to its extent; without one they cover the points and paths. Points and path
 * vertices outside the axes are left out (a path breaks where it leaves the plot).
 *
 * <pre>{@code
 * new PlaneChart("Decision boundary", "x1", "x2")
 *     .field(probabilities, -4, 4, -4, 4, "P(y = 1)").palette(PlaneChart.Palette.DIVERGING)
 *     .points("y = 0", xs0, ys0)
 *     .points("y = 1", xs1, ys1)
 *     .writeSvg(Path.of("boundary.svg"));
 * }</pre>
 */
public final class PlaneChart {
  private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
      "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
  private static final int MAX_CELLS = 200;
  private static final int MAX_MARKERS = 20;
  private static final int WIDTH = 780;
  private static final int HEIGHT = 520;
  private static final double LEFT = 70;
  private static final double TOP = 50;
  private static final double SIZE = 420;
  private static final double BAR_X = LEFT + SIZE + 20;
  private static final double LEGEND_X = BAR_X + 80;

  /** Colours for the field, from its lowest value (0) to its highest (1). */
  public enum Palette {
    /**
     * White through grey-blue to slate: for a quantity such as a loss, low values light; muted, so that coloured
     * points and paths stand out on it.
     */
    SEQUENTIAL(new int[] {0xffffff, 0xe3e9f0, 0xb7c6d6, 0x7f97b2, 0x4a607c}),
    /** Blue through white to orange: for a probability of one of two classes, 1/2 white. */
    DIVERGING(new int[] {0x2166ac, 0x92c5de, 0xf7f7f7, 0xfdb863, 0xe66101});

    private final int[] stops;

    Palette(int[] stops) {
      this.stops = stops;
    }

    /** The colour at {@code t} in {@code [0, 1]}, interpolated linearly in RGB between the stops. */
    String at(double t) {
      double s = Math.max(0, Math.min(1, t)) * (stops.length - 1);
      int i = Math.min((int) s, stops.length - 2);
      double f = s - i;
      int rgb = 0;
      for (int shift = 16; shift >= 0; shift -= 8) {
        int a = (stops[i] >> shift) & 0xff;
        int b = (stops[i + 1] >> shift) & 0xff;
        rgb |= (int) Math.round(a + f * (b - a)) << shift;
      }
      return String.format(Locale.ROOT, "#%06x", rgb);
    }
  }

  private record Field(double[][] values, double xMin, double xMax, double yMin, double yMax, String label) {}

  private record Layer(String name, double[] xs, double[] ys) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Layer> points = new ArrayList<>();
  private final List<Layer> paths = new ArrayList<>();
  private Field field;
  private Palette palette = Palette.SEQUENTIAL;
  private boolean logColors;
  private double[] colorRange;

  public PlaneChart(String title, String xLabel, String yLabel) {
    this.title = checkNotNull(title, "PlaneChart: title must not be null");
    this.xLabel = checkNotNull(xLabel, "PlaneChart: xLabel must not be null");
    this.yLabel = checkNotNull(yLabel, "PlaneChart: yLabel must not be null");
  }

  /**
   * The {@code cells} centre coordinates of {@code [min, max]} cut into equal cells:
   * {@code min + (i + 1/2) (max - min) / cells}, the coordinates a field's values belong to.
   */
  public static double[] centres(double min, double max, int cells) {
    checkArgument(Double.isFinite(min) && Double.isFinite(max) && min < max,
        "PlaneChart.centres: need finite min < max, got [%s, %s]", min, max);
    checkArgument(cells >= 1, "PlaneChart.centres: need at least 1 cell, got %s", cells);
    double[] c = new double[cells];
    for (int i = 0; i < cells; i++) {
      c[i] = min + (i + 0.5) * (max - min) / cells;
    }
    return c;
  }

  /**
   * Sets the background field: {@code values[row][col]} over the extent, row 0 at the bottom, every value
   * finite, between 2 and 200 cells a side; {@code label} names it on the colour bar. Returns this.
   */
  public PlaneChart field(double[][] values, double xMin, double xMax, double yMin, double yMax, String label) {
    checkNotNull(values, "PlaneChart.field: values must not be null");
    checkArgument(values.length >= 2 && values.length <= MAX_CELLS, "PlaneChart.field: need 2 to %s rows, got %s",
        MAX_CELLS, values.length);
    int cols = values[0].length;
    checkArgument(cols >= 2 && cols <= MAX_CELLS, "PlaneChart.field: need 2 to %s columns, got %s", MAX_CELLS,
        cols);
    double[][] copy = new double[values.length][];
    for (int r = 0; r < values.length; r++) {
      checkArgument(values[r].length == cols, "PlaneChart.field: row %s has %s values but row 0 has %s", r,
          values[r].length, cols);
      for (int c = 0; c < cols; c++) {
        checkArgument(Double.isFinite(values[r][c]), "PlaneChart.field: value at row %s, column %s is %s;"
            + " every value must be finite", r, c, values[r][c]);
      }
      copy[r] = values[r].clone();
    }
    checkArgument(Double.isFinite(xMin) && Double.isFinite(xMax) && xMin < xMax && Double.isFinite(yMin)
        && Double.isFinite(yMax) && yMin < yMax, "PlaneChart.field: extent [%s, %s] x [%s, %s] must be finite"
        + " with min < max", xMin, xMax, yMin, yMax);
    field = new Field(copy, xMin, xMax, yMin, yMax, checkNotNull(label, "PlaneChart.field: label must not be null"));
    return this;
  }

  /** The field's colours (default {@link Palette#SEQUENTIAL}). Returns this. */
  public PlaneChart palette(Palette palette) {
    this.palette = checkNotNull(palette, "PlaneChart.palette: palette must not be null");
    return this;
  }

  /** Colours the field by the logarithm of its values, which must then all be positive. Returns this. */
  public PlaneChart logColors() {
    logColors = true;
    return this;
  }

  /**
   * Fixes the range the colours span, instead of the field's own minimum and maximum, so that two charts
   * colour alike (for a probability: 0 to 1); values outside get the end colours. Returns this.
   */
  public PlaneChart colorRange(double low, double high) {
    checkArgument(Double.isFinite(low) && Double.isFinite(high) && low < high,
        "PlaneChart.colorRange: need finite low < high, got [%s, %s]", low, high);
    colorRange = new double[] {low, high};
    return this;
  }

  /** Adds a group of points (for example one class) drawn as dots of the group's colour. Returns this. */
  public PlaneChart points(String name, double[] xs, double[] ys) {
    points.add(layer("points", name, xs, ys));
    return this;
  }

  /**
   * Adds a path (for example an optimizer's iterates) drawn as a line through the points in order, with markers
   * on some of them, a ring at the start and a large dot at the end. Returns this.
   */
  public PlaneChart path(String name, double[] xs, double[] ys) {
    paths.add(layer("path", name, xs, ys));
    return this;
  }

  private static Layer layer(String kind, String name, double[] xs, double[] ys) {
    checkNotNull(name, "PlaneChart.%s: name must not be null", kind);
    checkNotNull(xs, "PlaneChart.%s %s: xs must not be null", kind, name);
    checkNotNull(ys, "PlaneChart.%s %s: ys must not be null", kind, name);
    checkArgument(xs.length == ys.length, "PlaneChart.%s %s: %s x values but %s y values", kind, name, xs.length,
        ys.length);
    checkArgument(xs.length > 0, "PlaneChart.%s %s: no points", kind, name);
    return new Layer(name, xs.clone(), ys.clone());
  }

  /** Writes the chart as an SVG file. */
  public void writeSvg(Path file) {
    ChartFiles.writeSvg("PlaneChart", WIDTH, HEIGHT, this::draw, file);
  }

  /** Writes the chart as a PNG file. */
  public void writePng(Path file) {
    ChartFiles.writePng("PlaneChart", WIDTH, HEIGHT, this::draw, file);
  }

  private void draw(Canvas c) {
    checkState(field != null || !points.isEmpty() || !paths.isEmpty(),
        "PlaneChart %s: nothing to draw; add a field, points or a path", title);
    Axes axes = axes();
    if (field != null) {
      ColorScale scale = colorScale();
      drawField(c, scale, axes);
      scale.drawBar(c, BAR_X, TOP, SIZE, field.label);
    }
    drawAxes(c, axes);
    int entry = 0;
    for (Layer group : points) {
      String color = COLORS[entry % COLORS.length];
      for (int i = 0; i < group.xs.length; i++) {
        if (axes.contains(group.xs[i], group.ys[i])) {
          dot(c, axes.px(group.xs[i]), axes.py(group.ys[i]), 3.2, color);
        }
      }
      dot(c, LEGEND_X + 10, legendY(entry), 4, color);
      c.text(LEGEND_X + 26, legendY(entry) + 4, group.name, "start", 12, "#000000");
      entry++;
    }
    for (Layer path : paths) {
      String color = COLORS[entry % COLORS.length];
      drawPath(c, path, axes, color);
      double y = legendY(entry);
      c.line(LEGEND_X, y, LEGEND_X + 20, y, color, 2.5);
      dot(c, LEGEND_X + 10, y, 3, color);
      c.text(LEGEND_X + 26, y + 4, path.name, "start", 12, "#000000");
      entry++;
    }
  }

  private static double legendY(int entry) {
    return TOP + 10 + 20 * entry;
  }

  /** A dot with a thin dark rim, so that it stands out on any background. */
  private static void dot(Canvas c, double x, double y, double radius, String color) {
    c.circle(x, y, radius + 0.9, "#222222");
    c.circle(x, y, radius, color);
  }

  private void drawPath(Canvas c, Layer path, Axes axes, String color) {
    List<double[]> run = new ArrayList<>();
    int every = Math.max(1, (path.xs.length + MAX_MARKERS - 1) / MAX_MARKERS);
    for (int i = 0; i <= path.xs.length; i++) {
      boolean inside = i < path.xs.length && axes.contains(path.xs[i], path.ys[i]);
      if (inside) {
        run.add(new double[] {axes.px(path.xs[i]), axes.py(path.ys[i])});
      } else if (!run.isEmpty()) {
        c.polyline(run.stream().mapToDouble(p -> p[0]).toArray(), run.stream().mapToDouble(p -> p[1]).toArray(),
            color, 2);
        run.clear();
      }
    }
    for (int i = 0; i < path.xs.length; i++) {
      if (axes.contains(path.xs[i], path.ys[i]) && (i % every == 0 || i == path.xs.length - 1)) {
        double px = axes.px(path.xs[i]);
        double py = axes.py(path.ys[i]);
        if (i == 0) {
          c.circle(px, py, 5, color);
          c.circle(px, py, 3, "#ffffff");
        } else {
          dot(c, px, py, i == path.xs.length - 1 ? 4.5 : 2.2, color);
        }
      }
    }
  }

  private ColorScale colorScale() {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : field.values) {
      for (double v : row) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (colorRange != null) {
      min = colorRange[0];
      max = colorRange[1];
    }
    checkArgument(!logColors || min > 0, "PlaneChart %s: logColors needs positive field values, but the field's"
        + " minimum is %s", title, min);
    return ColorScale.over(min, max, logColors, palette);
  }

  /** Each row of cells, with neighbouring cells of one band merged into a rectangle. */
  private void drawField(Canvas c, ColorScale scale, Axes axes) {
    int rows = field.values.length;
    int cols = field.values[0].length;
    double cellWidth = SIZE / cols;
    double cellHeight = SIZE / rows;
    for (int r = 0; r < rows; r++) {
      double top = TOP + SIZE - (r + 1) * cellHeight;
      double overlapY = r == 0 ? 0 : 1; // reaches down over the seam to the row below, drawn earlier
      int start = 0;
      for (int col = 1; col <= cols; col++) {
        int band = scale.band(field.values[r][start]);
        if (col == cols || scale.band(field.values[r][col]) != band) {
          double overlapX = col == cols ? 0 : 1;
          c.fillRectangle(LEFT + start * cellWidth, top, (col - start) * cellWidth + overlapX,
              cellHeight + overlapY, scale.color(band));
          start = col;
        }
      }
    }
  }

  private void drawAxes(Canvas c, Axes axes) {
    for (double x : axes.xTicks.values()) {
      if (x >= axes.xMin - 1e-9 && x <= axes.xMax + 1e-9) {
        double px = axes.px(x);
        c.line(px, TOP + SIZE, px, TOP + SIZE + 5, "#333333", 1);
        c.text(px, TOP + SIZE + 18, axes.xTicks.label(x), "middle", 11, "#333333");
      }
    }
    for (double y : axes.yTicks.values()) {
      if (y >= axes.yMin - 1e-9 && y <= axes.yMax + 1e-9) {
        double py = axes.py(y);
        c.line(LEFT - 5, py, LEFT, py, "#333333", 1);
        c.text(LEFT - 8, py + 4, axes.yTicks.label(y), "end", 11, "#333333");
      }
    }
    c.rectangle(LEFT, TOP, SIZE, SIZE, "#333333");
    c.text(LEFT + SIZE / 2, 28, title, "middle", 15, "#000000");
    c.text(LEFT + SIZE / 2, HEIGHT - 12, xLabel, "middle", 12, "#000000");
    c.text(12, TOP - 10, yLabel, "start", 12, "#000000");
  }

  /** The field's extent, or the ticks enclosing every finite point and path vertex. */
  private Axes axes() {
    if (field != null) {
      return new Axes(field.xMin, field.xMax, field.yMin, field.yMax);
    }
    double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    for (List<Layer> layers : List.of(points, paths)) {
      for (Layer layer : layers) {
        for (int i = 0; i < layer.xs.length; i++) {
          if (Double.isFinite(layer.xs[i]) && Double.isFinite(layer.ys[i])) {
            r[0] = Math.min(r[0], layer.xs[i]);
            r[1] = Math.max(r[1], layer.xs[i]);
            r[2] = Math.min(r[2], layer.ys[i]);
            r[3] = Math.max(r[3], layer.ys[i]);
          }
        }
      }
    }
    checkArgument(r[0] <= r[1], "PlaneChart %s: no finite points to draw", title);
    Ticks x = Ticks.of(r[0], r[1], 6);
    Ticks y = Ticks.of(r[2], r[3], 6);
    return new Axes(x.low(), x.high(), y.low(), y.high());
  }

  /** Data coordinates to pixels in the square plot area. */
  private record Axes(double xMin, double xMax, double yMin, double yMax, Ticks xTicks, Ticks yTicks) {
    Axes(double xMin, double xMax, double yMin, double yMax) {
      this(xMin, xMax, yMin, yMax, Ticks.of(xMin, xMax, 6), Ticks.of(yMin, yMax, 6));
    }

    boolean contains(double x, double y) {
      return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
    }

    double px(double x) {
      return LEFT + (x - xMin) / (xMax - xMin) * SIZE;
    }

    double py(double y) {
      return TOP + SIZE - (y - yMin) / (yMax - yMin) * SIZE;
    }
  }
}
