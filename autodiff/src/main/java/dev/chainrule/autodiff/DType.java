package dev.chainrule.autodiff;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Element types. FLOAT32 is the default for training; FLOAT64 is for exact gradient checks. An operation on
 * a FLOAT32 and a FLOAT64 operand computes in FLOAT64, as in PyTorch.
 */
public enum DType {
  FLOAT32("float32"),
  FLOAT64("float64");

  private static volatile DType defaultType = FLOAT32;

  private final String displayName;

  DType(String displayName) {
    this.displayName = displayName;
  }

  /**
   * The type of tensors created without an explicit type (from Java scalars, {@code zeros}, {@code arange},
   * {@code randn}, ...), FLOAT32 unless changed; like {@code torch.get_default_dtype()}.
   */
  public static DType defaultType() {
    return defaultType;
  }

  /** Sets the type of tensors created without an explicit type, for all threads; like PyTorch's. */
  public static void setDefault(DType type) {
    defaultType = checkNotNull(type, "setDefault: type must not be null");
  }

  /** The common type of two operands: FLOAT64 if either is. */
  public static DType promote(DType a, DType b) {
    return a == FLOAT64 || b == FLOAT64 ? FLOAT64 : FLOAT32;
  }

  /** NumPy's name, e.g. {@code float32}. */
  @Override
  public String toString() {
    return displayName;
  }
}
