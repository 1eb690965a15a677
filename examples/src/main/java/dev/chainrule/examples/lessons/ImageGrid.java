package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SVG picture of small images in a row, each under its caption: an input in grey levels (its smallest value
 * white, its largest black), or filters and feature maps, which hold negative numbers, on a diverging scale
 * (negative blue, zero white, positive red, each image scaled by its own largest magnitude). Cells are squares
 * of {@code cell} pixels; a 3x3 filter is drawn with larger cells than an 8x8 map so that both read at a glance.
 */
final class ImageGrid {
  private static final int GAP = 26;
  private static final int TOP = 34;
  private static final int CAPTION = 20;
  private static final int BOX = 96;

  /** How an image's values become colours. */
  enum Scale {
    GREY,
    DIVERGING
  }

  /** One image: {@code rows x columns} values row by row, its caption and its colour scale. */
  record Image(String caption, int rows, int columns, double[] values, Scale scale) {
    Image {
      checkArgument(rows > 0 && columns > 0 && values.length == rows * columns, "ImageGrid: %s values do not make"
          + " a %sx%s image", values.length, rows, columns);
      values = values.clone();
    }
  }

  private final String title;
  private final List<Image> images = new ArrayList<>();

  ImageGrid(String title) {
    this.title = title;
  }

  ImageGrid add(String caption, int rows, int columns, double[] values, Scale scale) {
    images.add(new Image(caption, rows, columns, values, scale));
    return this;
  }

  /** The picture; every image fits a {@value #BOX}-pixel square. */
  String svg() {
    checkArgument(!images.isEmpty(), "ImageGrid: no images to draw");
    int width = Math.max(GAP + images.size() * (BOX + GAP), 8 * title.length() + 2 * GAP);
    int height = TOP + BOX + CAPTION + 12;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", width, height, width, height));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", GAP, title));
    for (int k = 0; k < images.size(); k++) {
      Image image = images.get(k);
      int cell = BOX / Math.max(image.rows(), image.columns());
      int left = GAP + k * (BOX + GAP) + (BOX - cell * image.columns()) / 2;
      int top = TOP + (BOX - cell * image.rows()) / 2;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double v : image.values()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      for (int i = 0; i < image.values().length; i++) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
            left + i % image.columns() * cell, top + i / image.columns() * cell, cell, cell,
            colour(image.values()[i], min, max, image.scale())));
      }
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
          + " stroke=\"#999999\"/>%n", left, top, cell * image.columns(), cell * image.rows()));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s"
          + "</text>%n", GAP + k * (BOX + GAP) + BOX / 2, TOP + BOX + 16, image.caption()));
    }
    return svg.append("</svg>\n").toString();
  }

  private static String colour(double v, double min, double max, Scale scale) {
    if (scale == Scale.GREY) {
      int grey = (int) Math.round(255 * (1 - (v - min) / (max > min ? max - min : 1)));
      return String.format(Locale.ROOT, "rgb(%d,%d,%d)", grey, grey, grey);
    }
    double magnitude = Math.max(Math.abs(min), Math.abs(max));
    double t = magnitude > 0 ? v / magnitude : 0;
    int fade = (int) Math.round(255 * (1 - Math.abs(t)));
    return t >= 0 ? String.format(Locale.ROOT, "rgb(255,%d,%d)", fade, fade)
        : String.format(Locale.ROOT, "rgb(%d,%d,255)", fade, fade);
  }
}
