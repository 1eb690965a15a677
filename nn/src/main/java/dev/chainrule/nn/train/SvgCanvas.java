package dev.chainrule.nn.train;

import java.util.Locale;

/** A {@link Canvas} that writes an SVG document. */
final class SvgCanvas implements Canvas {
  private final StringBuilder svg = new StringBuilder();

  SvgCanvas(int width, int height) {
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", width, height, width, height));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double width) {
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
        x1, y1, x2, y2, color, width));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width) {
    polyline(xs, ys, color, width, "");
  }

  @Override
  public void dashedPolyline(double[] xs, double[] ys, String color, double width) {
    polyline(xs, ys, color, width, " stroke-dasharray=\"6,4\"");
  }

  @Override
  public void circle(double x, double y, double radius, String color) {
    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>%n", x, y,
        radius, color));
  }

  @Override
  public void fillRectangle(double x, double y, double width, double height, String color) {
    svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
        + " fill=\"%s\"/>%n", x, y, width, height, color));
  }

  private void polyline(double[] xs, double[] ys, String color, double width, String extra) {
    svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"")
        .append(String.format(Locale.ROOT, "%.1f", width)).append('"').append(extra).append(" points=\"");
    for (int i = 0; i < xs.length; i++) {
      svg.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", xs[i], ys[i]));
    }
    svg.append("\"/>\n");
  }

  @Override
  public void text(double x, double y, String text, String anchor, double size, String color) {
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%.0f\""
        + " fill=\"%s\">%s</text>%n", x, y, anchor, size, color, escape(text)));
  }

  @Override
  public void rectangle(double x, double y, double width, double height, String color) {
    svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
        + " fill=\"none\" stroke=\"%s\"/>%n", x, y, width, height, color));
  }

  /** The finished document. */
  String finish() {
    return svg + "</svg>\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
