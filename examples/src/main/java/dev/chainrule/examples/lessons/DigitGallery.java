package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Locale;

/**
 * An SVG picture of 8x8 digit images in a row, each drawn in grey levels (its own smallest pixel white, its
 * largest black) with a caption under it, e.g. {@code 3 seen as 8}.
 */
final class DigitGallery {
  private static final int SIDE = 8;
  private static final int CELL = 9;
  private static final int GAP = 24;
  private static final int TOP = 34;
  private static final int CAPTION = 22;

  /** One image: its 64 pixel values row by row, its true class and the class the network chose. */
  record Digit(double[] pixels, int truth, int predicted) {
    Digit {
      checkArgument(pixels.length == SIDE * SIDE, "DigitGallery: a digit has %s pixels, got %s", SIDE * SIDE,
          pixels.length);
      pixels = pixels.clone();
    }
  }

  private DigitGallery() {}

  /** The images side by side under {@code title}. */
  static String svg(String title, List<Digit> digits) {
    checkArgument(!digits.isEmpty(), "DigitGallery: no digits to draw");
    int image = SIDE * CELL;
    int width = Math.max(GAP + digits.size() * (image + GAP), 8 * title.length() + 2 * GAP);
    int height = TOP + image + CAPTION + 10;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", width, height, width, height));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", GAP, title));
    for (int d = 0; d < digits.size(); d++) {
      Digit digit = digits.get(d);
      int left = GAP + d * (image + GAP);
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double p : digit.pixels()) {
        min = Math.min(min, p);
        max = Math.max(max, p);
      }
      double range = max > min ? max - min : 1;
      for (int i = 0; i < SIDE * SIDE; i++) {
        int grey = (int) Math.round(255 * (1 - (digit.pixels()[i] - min) / range));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
            + " fill=\"rgb(%d,%d,%d)\"/>%n", left + i % SIDE * CELL, TOP + i / SIDE * CELL, CELL, CELL, grey, grey,
            grey));
      }
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
          + " stroke=\"#999999\"/>%n", left, TOP, image, image));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%d"
          + " seen as %d</text>%n", left + image / 2, TOP + image + 16, digit.truth(), digit.predicted()));
    }
    return svg.append("</svg>\n").toString();
  }
}
