package dev.chainrule.nn.train;

import static com.google.common.base.Verify.verify;

import dev.chainrule.autodiff.io.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Writes a chart, drawn once by the same code onto either canvas, as an SVG or a PNG file, all or nothing
 * ({@link AtomicFile}). A failure is an {@link UncheckedIOException} naming the chart, the file and what failed.
 */
final class ChartFiles {
  private ChartFiles() {}

  /** Draws a {@code width x height} picture with {@code draw} and writes it to {@code file} as SVG. */
  static void writeSvg(String chart, int width, int height, Consumer<Canvas> draw, Path file) {
    SvgCanvas canvas = new SvgCanvas(width, height);
    draw.accept(canvas);
    try {
      AtomicFile.writeString(file, canvas.finish());
    } catch (IOException e) {
      throw new UncheckedIOException(chart + ": " + e.getMessage(), e);
    }
  }

  /** Draws a {@code width x height} picture with {@code draw} and writes it to {@code file} as PNG. */
  static void writePng(String chart, int width, int height, Consumer<Canvas> draw, Path file) {
    ImageCanvas canvas = new ImageCanvas(width, height);
    draw.accept(canvas);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      verify(ImageIO.write(canvas.finish(), "png", png), "%s: the JDK has no PNG writer", chart);
      AtomicFile.writeBytes(file, png.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(chart + ": " + e.getMessage(), e);
    }
  }
}
