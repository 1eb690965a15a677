package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A line chart of one or more series (for example training and validation loss per epoch), written as SVG or
 * PNG. Both formats are drawn by the same code, so they show the same picture.
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

  private record Series(String name, double[] xs, double[] ys) {}

  public LineChart(String title, String xLabel, String yLabel) {
    this.title = checkNotNull(title);
    this.xLabel = checkNotNull(xLabel);
    this.yLabel = checkNotNull(yLabel);
  }

  /** Adds a series; non-finite points are left out of the line. Returns this. */
  public LineChart series(String name, double[] xs, double[] ys) {
    checkArgument(xs.length == ys.length, "LineChart: series %s has %s x values but %s y values", name, xs.length,
        ys.length);
    series.add(new Series(checkNotNull(name), xs.clone(), ys.clone()));
    return this;
  }

  /** Writes the chart as an SVG file. */
  public void writeSvg(Path file) {
    SvgCanvas canvas = new SvgCanvas(WIDTH, HEIGHT);
    draw(canvas);
    try {
      Files.writeString(file, canvas.finish(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("LineChart: cannot write " + file, e);
    }
  }

  /** Writes the chart as a PNG file. */
  public void writePng(Path file) {
    ImageCanvas canvas = new ImageCanvas(WIDTH, HEIGHT);
    draw(canvas);
    try {
      ImageIO.write(canvas.finish(), "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("LineChart: cannot write " + file, e);
    }
  }

  private void draw(Canvas c) {
    checkArgument(!series.isEmpty(), "LineChart %s: no series to draw", title);
    double[] range = range();
    Ticks xt = Ticks.of(range[0], range[1], 6);
    Ticks yt = Ticks.of(range[2], range[3], 6);
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    Mapping map = new Mapping(xt, yt, plotWidth, plotHeight);
    for (double y : yt.values()) {
      double py = map.y(y);
      c.line(LEFT, py, LEFT + plotWidth, py, "#e0e0e0", 1);
      c.text(LEFT - 8, py + 4, yt.label(y), "end", 11, "#333333");
    }
    for (double x : xt.values()) {
      double px = map.x(x);
      c.line(px, TOP + plotHeight, px, TOP + plotHeight + 5, "#333333", 1);
      c.text(px, TOP + plotHeight + 18, xt.label(x), "middle", 11, "#333333");
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
        if (Double.isFinite(line.xs[i]) && Double.isFinite(line.ys[i])) {
          points.add(new double[] {map.x(line.xs[i]), map.y(line.ys[i])});
        }
      }
      c.polyline(points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray(),
          color, 2);
      double legendY = TOP + 10 + 20 * s;
      c.line(LEFT + plotWidth + 12, legendY, LEFT + plotWidth + 32, legendY, color, 3);
      c.text(LEFT + plotWidth + 38, legendY + 4, line.name, "start", 12, "#000000");
    }
  }

  /** {@code [xMin, xMax, yMin, yMax]} over the finite points of every series. */
  private double[] range() {
    double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    for (Series line : series) {
      for (int i = 0; i < line.xs.length; i++) {
        if (Double.isFinite(line.xs[i]) && Double.isFinite(line.ys[i])) {
          r[0] = Math.min(r[0], line.xs[i]);
          r[1] = Math.max(r[1], line.xs[i]);
          r[2] = Math.min(r[2], line.ys[i]);
          r[3] = Math.max(r[3], line.ys[i]);
        }
      }
    }
    checkArgument(r[0] <= r[1], "LineChart %s: no finite points to draw", title);
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
