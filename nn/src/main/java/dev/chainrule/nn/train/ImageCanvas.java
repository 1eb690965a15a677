package dev.chainrule.nn.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** A {@link Canvas} that draws into an image with Java2D (headless), for PNG files. */
final class ImageCanvas implements Canvas {
  private final BufferedImage image;
  private final Graphics2D g;

  ImageCanvas(int width, int height) {
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double width) {
    g.setColor(Color.decode(color));
    g.setStroke(new BasicStroke((float) width));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width) {
    draw(xs, ys, color, new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
  }

  @Override
  public void dashedPolyline(double[] xs, double[] ys, String color, double width) {
    draw(xs, ys, color, new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
        new float[] {6f, 4f}, 0f));
  }

  @Override
  public void circle(double x, double y, double radius, String color) {
    g.setColor(Color.decode(color));
    g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
  }

  @Override
  public void fillRectangle(double x, double y, double width, double height, String color) {
    g.setColor(Color.decode(color));
    g.fill(new Rectangle2D.Double(x, y, width, height));
  }

  private void draw(double[] xs, double[] ys, String color, BasicStroke stroke) {
    Path2D.Double path = new Path2D.Double();
    for (int i = 0; i < xs.length; i++) {
      if (i == 0) {
        path.moveTo(xs[i], ys[i]);
      } else {
        path.lineTo(xs[i], ys[i]);
      }
    }
    g.setColor(Color.decode(color));
    g.setStroke(stroke);
    g.draw(path);
  }

  @Override
  public void text(double x, double y, String text, String anchor, double size, String color) {
    g.setColor(Color.decode(color));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
    int textWidth = g.getFontMetrics().stringWidth(text);
    double left = switch (anchor) {
      case "middle" -> x - textWidth / 2.0;
      case "end" -> x - textWidth;
      default -> x;
    };
    g.drawString(text, (float) left, (float) y);
  }

  @Override
  public void rectangle(double x, double y, double width, double height, String color) {
    g.setColor(Color.decode(color));
    g.setStroke(new BasicStroke(1f));
    g.draw(new Rectangle2D.Double(x, y, width, height));
  }

  /** The finished picture. */
  BufferedImage finish() {
    g.dispose();
    return image;
  }
}
