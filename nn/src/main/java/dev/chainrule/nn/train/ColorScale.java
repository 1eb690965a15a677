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
