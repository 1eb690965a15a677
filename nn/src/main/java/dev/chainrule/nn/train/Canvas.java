package dev.chainrule.nn.train;

/**
 * The few drawing primitives a chart needs, in pixel coordinates with the origin at the top left. One
 * implementation writes SVG text, the other draws into an image for PNG, so both files show the same picture.
 */
interface Canvas {
  /** A straight line. */
  void line(double x1, double y1, double x2, double y2, String color, double width);

  /** A connected line through the points. */
  void polyline(double[] xs, double[] ys, String color, double width);

  /** A connected line through the points, drawn in dashes. */
  void dashedPolyline(double[] xs, double[] ys, String color, double width);

  /** A filled circle centred on (x, y). */
  void circle(double x, double y, double radius, String color);

  /** A filled rectangle with no outline. */
  void fillRectangle(double x, double y, double width, double height, String color);

  /** Text whose anchor point is (x, y): {@code anchor} is "start", "middle" or "end" of the baseline. */
  void text(double x, double y, String text, String anchor, double size, String color);

  /** The outline of a rectangle. */
  void rectangle(double x, double y, double width, double height, String color);
}
