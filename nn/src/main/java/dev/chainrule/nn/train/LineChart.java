package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A line chart of one or more series (for example training and validation loss per epoch), written as SVG or
 * PNG. Both formats are drawn by the same code, so they show the same picture. A series is drawn as a solid
 * line, a dashed line or markers only ({@link Style}); either axis can be logarithmic ({@link #logX()},
 * {@link #logY()}), in which case points with a non-positive coordinate on that axis are left out, as
 * non-finite points always are.
 *
 * <pre>{@code
 * new LineChart("Loss", "epoch", "loss")
 *     .series("train", epochs, trainLoss)
 *     .series("validation", epochs, validationLoss)
 *     .writeSvg(Path.of("loss.svg"));
 * }</pre>
 */
public final class LineChart {
  private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
  private static final int WIDTH = 640;
  private static final int HEIGHT = 400;
  private static final double LEFT = 70;
  private static final double RIGHT = 150;
  private static final double TOP = 40;
  private static final double BOTTOM = 50;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private boolean logX;
  private boolean logY;

  /** How a series is drawn. */
  public enum Style {
    /** A solid line through the points. */
    LINE,
    /** A dashed line through the points. */
    DASHED,
    /** A dot at each point, no line. */
    MARKERS
  }

  private record Series(String name, double[] xs, double[] ys, Style style) {}

  public LineChart(String title, String xLabel, String yLabel) {
    this.title = checkNotNull(title);
    this.xLabel = checkNotNull(xLabel);
    this.yLabel = checkNotNull(yLabel);
  }

  /** Adds a series drawn as a solid line; non-finite points are left out of the line. Returns this. */
  public LineChart series(String name, double[] xs, double[] ys) {
    return series(name, xs, ys, Style.LINE);
  }

  /** Adds a series drawn in {@code style}; non-finite points are left out. Returns this. */
  public LineChart series(String name, double[] xs, double[] ys, Style style) {
    checkArgument(xs.length == ys.length, "LineChart: series %s has %s x values but %s y values", name, xs.length,
        ys.length);
    series.add(new Series(checkNotNull(name), xs.clone(), ys.clone(), checkNotNull(style)));
    return this;
  }

  /** Makes the x axis logarithmic (base 10). Returns this. */
  public LineChart logX() {
    logX = true;
    return this;
  }

  /** Makes the y axis logarithmic (base 10). Returns this. */
  public LineChart logY() {
    logY = true;
    return this;
  }

  /** Writes the chart as an SVG file. */
  public void writeSvg(Path file) {
    ChartFiles.writeSvg("LineChart", WIDTH, HEIGHT, this::draw, file);
  }

  /** Writes the chart as a PNG file. */
  public void writePng(Path file) {
    ChartFiles.writePng("LineChart", WIDTH, HEIGHT, this::draw, file);
  }

  private void draw(Canvas c) {
    checkArgument(!series.isEmpty(), "LineChart %s: no series to draw", title);
    double[] range = range();
    Ticks xt = ticks(range[0], range[1], logX);
    Ticks yt = ticks(range[2], range[3], logY);
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    Mapping map = new Mapping(xt, yt, plotWidth, plotHeight);
    for (double y : yt.values()) {
      double py = map.y(y);
      c.line(LEFT, py, LEFT + plotWidth, py, "#e0e0e0", 1);
      c.text(LEFT - 8, py + 4, label(yt, y, logY), "end", 11, "#333333");
    }
    for (double x : xt.values()) {
      double px = map.x(x);
      c.line(px, TOP + plotHeight, px, TOP + plotHeight + 5, "#333333", 1);
      c.text(px, TOP + plotHeight + 18, label(xt, x, logX), "middle", 11, "#333333");
    }
    c.rectangle(LEFT, TOP, plotWidth, plotHeight, "#333333");
    c.text(WIDTH / 2.0 - RIGHT / 2, 24, title, "middle", 15, "#000000");
    c.text(LEFT + plotWidth / 2, HEIGHT - 12, xLabel, "middle", 12, "#000000");
    c.text(12, TOP - 12, yLabel, "start", 12, "#000000");
    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      String color = COLORS[s % COLORS.length];
      List<double[]> points = new ArrayList<>();
      for (int i = 0; i < line.xs.length; i++) {
        if (drawable(line.xs[i], logX) && drawable(line.ys[i], logY)) {
          points.add(new double[] {map.x(axis(line.xs[i], logX)), map.y(axis(line.ys[i], logY))});
        }
      }
      double[] px = points.stream().mapToDouble(p -> p[0]).toArray();
      double[] py = points.stream().mapToDouble(p -> p[1]).toArray();
      double legendY = TOP + 10 + 20 * s;
      double legendX = LEFT + plotWidth + 12;
      switch (line.style) {
        case LINE -> {
          c.polyline(px, py, color, 2);
          c.line(legendX, legendY, legendX + 20, legendY, color, 3);
        }
        case DASHED -> {
          c.dashedPolyline(px, py, color, 2);
          c.dashedPolyline(new double[] {legendX, legendX + 20}, new double[] {legendY, legendY}, color, 3);
        }
        case MARKERS -> {
          for (int i = 0; i < px.length; i++) {
            c.circle(px[i], py[i], 2.5, color);
          }
          c.circle(legendX + 10, legendY, 3.5, color);
        }
      }
      c.text(legendX + 26, legendY + 4, line.name, "start", 12, "#000000");
    }
  }

  /** Ticks for an axis spanning {@code [min, max]} in data units; a log axis has ticks at whole decades. */
  private static Ticks ticks(double min, double max, boolean log) {
    if (!log) {
      return Ticks.of(min, max, 6);
    }
    Ticks decades = Ticks.of(Math.log10(min), Math.log10(max), 6);
    if (decades.step() >= 1) {
      return decades;
    }
    double low = Math.floor(decades.low());
    double high = Math.max(Math.ceil(decades.high()), low + 1);
    return new Ticks(low, high, 1);
  }

  /** A tick label; on a log axis the tick value is an exponent, labelled as the power of ten it stands for. */
  private static String label(Ticks ticks, double value, boolean log) {
    if (!log) {
      return ticks.label(value);
    }
    long exponent = Math.round(value);
    return exponent >= -3 && exponent <= 4 ? plain(exponent) : "1e" + exponent;
  }

  /** 10 to a small power, written out: {@code 1000}, {@code 0.01}. */
  private static String plain(long exponent) {
    return BigDecimal.ONE.movePointRight((int) exponent).toPlainString();
  }

  /** Whether a coordinate can be drawn on a linear or log axis. */
  private static boolean drawable(double value, boolean log) {
    return Double.isFinite(value) && (!log || value > 0);
  }

  /** A coordinate in axis units: the value itself, or its base-10 logarithm on a log axis. */
  private static double axis(double value, boolean log) {
    return log ? Math.log10(value) : value;
  }

  /** {@code [xMin, xMax, yMin, yMax]} over the finite points of every series. */
  private double[] range() {
    double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    for (Series line : series) {
      for (int i = 0; i < line.xs.length; i++) {
        if (drawable(line.xs[i], logX) && drawable(line.ys[i], logY)) {
          r[0] = Math.min(r[0], line.xs[i]);
          r[1] = Math.max(r[1], line.xs[i]);
          r[2] = Math.min(r[2], line.ys[i]);
          r[3] = Math.max(r[3], line.ys[i]);
        }
      }
    }
    checkArgument(r[0] <= r[1], "LineChart %s: no finite points to draw%s", title,
        logX || logY ? " (a log axis also needs positive values)" : "");
    return r;
  }

  /** Data coordinates to pixels inside the plot area. */
  private record Mapping(Ticks xt, Ticks yt, double width, double height) {
    double x(double value) {
      return LEFT + (value - xt.low()) / (xt.high() - xt.low()) * width;
    }

    double y(double value) {
      return TOP + height - (value - yt.low()) / (yt.high() - yt.low()) * height;
    }
  }
}
