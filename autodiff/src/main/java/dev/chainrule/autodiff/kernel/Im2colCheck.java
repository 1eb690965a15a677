package dev.chainrule.autodiff.kernel;

import static com.google.common.base.Preconditions.checkArgument;

/** The caller's arrays are big enough for an im2col / col2im of {@code batch} images: checked once, at entry. */
final class Im2colCheck {
  private Im2colCheck() {}

  /**
   * Image {@code n} occupies {@code [n * imageSize, (n + 1) * imageSize)} of the image array; its column matrix
   * element {@code (r, l)} sits at {@code n * imageStride + r * ld + l} of the column array.
   */
  static void check(String op, Im2colGeometry g, int batch, int imageLength, int colsLength, int imageStride,
      int ld) {
    checkArgument(batch >= 0 && imageStride >= 0 && ld >= g.columns(), "%s: batch %s, image stride %s and"
        + " leading dimension %s (at least %s columns) must not be negative", op, batch, imageStride, ld,
        g.columns());
    checkArgument((long) batch * g.imageSize() <= imageLength, "%s: %s images of %s x %s x %s need %s elements,"
        + " the array has %s", op, batch, g.channels(), g.height(), g.width(), (long) batch * g.imageSize(),
        imageLength);
    long last = batch == 0 || g.rows() == 0 || g.columns() == 0 ? 0
        : (long) (batch - 1) * imageStride + (long) (g.rows() - 1) * ld + g.columns();
    checkArgument(last <= colsLength, "%s: column matrices of %s x %s for %s images need %s elements, the array"
        + " has %s", op, g.rows(), g.columns(), batch, last, colsLength);
  }

  /**
   * The arrays of a convolution of {@code batch} images with {@code filters} output channels in {@code groups}
   * groups: images of {@code g}'s size, a weight of {@code filters x rows / groups}, outputs of {@code filters x L}
   * per image, and a bias of {@code biasLength} (or -1 for none) that must be {@code biasExpected} long.
   */
  static void convolution(String op, Im2colGeometry g, int batch, int groups, int filters, int imageLength,
      int weightLength, int gridLength, int biasLength, int biasExpected) {
    checkArgument(batch >= 0 && groups > 0 && filters % groups == 0 && g.channels() % groups == 0, "%s: batch %s,"
        + " %s groups of %s filters and %s channels", op, batch, groups, filters, g.channels());
    checkArgument((long) batch * g.imageSize() <= imageLength, "%s: %s images of %s x %s x %s need %s elements,"
        + " the array has %s", op, batch, g.channels(), g.height(), g.width(), (long) batch * g.imageSize(),
        imageLength);
    checkArgument((long) filters * (g.rows() / groups) <= weightLength, "%s: a weight of %s x %s needs %s"
        + " elements, the array has %s", op, filters, g.rows() / groups, (long) filters * (g.rows() / groups),
        weightLength);
    checkArgument((long) batch * filters * g.columns() <= gridLength, "%s: %s outputs of %s x %s need %s elements,"
        + " the array has %s", op, batch, filters, g.columns(), (long) batch * filters * g.columns(), gridLength);
    checkArgument(biasLength < 0 || biasLength >= biasExpected, "%s: a bias of %s for %s channels", op,
        biasLength, biasExpected);
  }
}
