package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DigitGalleryTest {
  private static final Pattern PIXEL = Pattern.compile("fill=\"rgb\\((\\d+),\\d+,\\d+\\)\"");

  @Test
  void drawsEveryPixelInGreyFromWhiteToBlackWithItsCaption() {
    double[] ramp = new double[64];
    for (int i = 0; i < 64; i++) {
      ramp[i] = i % 8 * 2;
    }
    String svg = DigitGallery.svg("wrong", List.of(new DigitGallery.Digit(ramp, 3, 8),
        new DigitGallery.Digit(new double[64], 1, 7)));
    Matcher m = PIXEL.matcher(svg);
    int pixels = 0;
    int black = 0;
    int white = 0;
    while (m.find()) {
      int grey = Integer.parseInt(m.group(1));
      pixels++;
      black += grey == 0 ? 1 : 0;
      white += grey == 255 ? 1 : 0;
    }
    assertEquals(128, pixels);
    assertEquals(8, black, "the ramp's last column is its largest value");
    assertEquals(8 + 64, white, "the ramp's first column, and every pixel of the blank image");
    assertTrue(svg.contains(">3 seen as 8<") && svg.contains(">1 seen as 7<"), svg);
    assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>\n"));
  }

  @Test
  void rejectsAnImageThatIsNotEightByEight() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DigitGallery.Digit(new double[63], 1, 2));
    assertTrue(e.getMessage().contains("64") && e.getMessage().contains("63"), e.getMessage());
  }
}
