package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Maps a scalar to one of a few colour bands, as a filled contour plot does. The band edges are the "nice" tick
 * values of {@link Ticks} over the data range, on the values themselves or, for a logarithmic scale, on their
 * base-10 logarithms; band {@code k} covers {@code [edge_k, edge_k+1)} and gets the palette's colour at
 * {@code (k + 1/2) / bands}. A few bands rather than a continuous gradient keep an SVG small (runs of equal
 * cells merge into one rectangle) and make the level sets readable.
 */
final class ColorScale {
  private static final int TARGET_EDGES = 11;

  private final Ticks edges;
  private final boolean log;
  private final PlaneChart.Palette palette;

  private ColorScale(Ticks edges, boolean log, PlaneChart.Palette palette) {
    this.edges = edges;
    this.log = log;
    this.palette = palette;
  }

  /** A scale covering {@code [min, max]} (positive when {@code log}) in about ten bands. */
  static ColorScale over(double min, double max, boolean log, PlaneChart.Palette palette) {
    checkArgument(!log || min > 0, "ColorScale: a logarithmic scale needs positive values, got minimum %s", min);
    double low = log ? Math.log10(min) : min;
    double high = log ? Math.log10(max) : max;
    return new ColorScale(Ticks.of(low, high, TARGET_EDGES), log, palette);
  }

  /** The number of bands. */
  int bands() {
    return (int) Math.round((edges.high() - edges.low()) / edges.step());
  }

  /** The band of {@code value}, clamped to the first or last band outside the range. */
  int band(double value) {
    double v = log ? Math.log10(value) : value;
    int k = (int) Math.floor((v - edges.low()) / edges.step());
    return Math.max(0, Math.min(bands() - 1, k));
  }

  /** The colour of band {@code k}, as {@code #rrggbb}. */
  String color(int band) {
    return palette.at((band + 0.5) / bands());
  }

  /** The band edges in scale units (logarithms for a log scale), from lowest to highest. */
  List<Double> edges() {
    return edges.values();
  }

  /**
   * Draws the scale as a vertical bar of the bands, lowest at the bottom, with its edges labelled on the right
   * (every other one when the bands are thin) and {@code label} above it.
   */
  void drawBar(Canvas c, double x, double top, double height, String label) {
    int bands = bands();
    double bandHeight = height / bands;
    for (int k = 0; k < bands; k++) {
      c.fillRectangle(x, top + height - (k + 1) * bandHeight, 18, bandHeight, color(k));
    }
    c.rectangle(x, top, 18, height, "#333333");
    List<Double> values = edges();
    int labelEvery = bandHeight >= 16 ? 1 : 2;
    for (int k = 0; k < values.size(); k++) {
      String text = label(values.get(k));
      if (text != null && k % labelEvery == 0) {
        double y = top + height - k * bandHeight;
        c.line(x + 18, y, x + 22, y, "#333333", 1);
        c.text(x + 25, y + 4, text, "start", 11, "#333333");
      }
    }
    c.text(x, top - 10, label, "start", 12, "#000000");
  }

  /** The label of an edge, or null for an edge not worth labelling (a log edge between two decades). */
  String label(double edge) {
    if (!log) {
      return edges.label(edge);
    }
    long exponent = Math.round(edge);
    if (Math.abs(edge - exponent) > 1e-9) {
      return null;
    }
    return exponent >= -3 && exponent <= 4 ? BigDecimal.ONE.movePointRight((int) exponent).toPlainString()
        : String.format(Locale.ROOT, "1e%d", exponent);
  }
}
