package dev.chainrule.nn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/** Writes a chart, drawn once by the same code onto either canvas, as an SVG or a PNG file. */
final class ChartFiles {
  private ChartFiles() {}

  /** Draws a {@code width x height} picture with {@code draw} and writes it to {@code file} as SVG. */
  static void writeSvg(String chart, int width, int height, Consumer<Canvas> draw, Path file) {
    SvgCanvas canvas = new SvgCanvas(width, height);
    draw.accept(canvas);
    try {
      Files.writeString(file, canvas.finish(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(chart + ": cannot write " + file, e);
    }
  }

  /** Draws a {@code width x height} picture with {@code draw} and writes it to {@code file} as PNG. */
  static void writePng(String chart, int width, int height, Consumer<Canvas> draw, Path file) {
    ImageCanvas canvas = new ImageCanvas(width, height);
    draw.accept(canvas);
    try {
      ImageIO.write(canvas.finish(), "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(chart + ": cannot write " + file, e);
    }
  }
}
