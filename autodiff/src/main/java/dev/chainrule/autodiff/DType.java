package dev.chainrule.autodiff;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Element types. FLOAT32 is the default for training; FLOAT64 is for exact gradient checks; INT64 holds indices,
 * class labels and token ids ({@code long[]} storage); BOOL holds masks, the results of comparisons (one byte per
 * element, a {@code boolean[]}).
 *
 * <p>Promotion, as in PyTorch ({@link #promote}): an operation on a FLOAT32 and a FLOAT64 operand computes in
 * FLOAT64; an integer or boolean operand with a floating one computes in the floating type; INT64 with BOOL gives
 * INT64. Only floating tensors can require a gradient.
 */
public enum DType {
  FLOAT32("float32"),
  FLOAT64("float64"),
  INT64("int64"),
  BOOL("bool");

  private final String displayName;

  DType(String displayName) {
    this.displayName = displayName;
  }

  /**
   * The type of tensors created on this thread without an explicit type (from Java scalars, {@code zeros},
   * {@code arange}, {@code randn}, ...), FLOAT32 unless changed on this thread; like
   * {@code torch.get_default_dtype()}, but per thread.
   */
  public static DType defaultType() {
    return GradMode.flag().defaultType;
  }

  /**
   * Sets the default type <b>for the current thread only</b>, until changed again; prefer {@link #defaultScope}.
   * Unlike PyTorch's process-wide {@code set_default_dtype}, a setting here never reaches another thread: a
   * server's request threads or a test running beside another cannot change each other's tensors. Every thread,
   * pool threads included, starts with FLOAT32.
   */
  public static void setDefault(DType type) {
    GradMode.flag().defaultType = checkNotNull(type, "setDefault: type must not be null");
  }

  /**
   * Makes {@code type} this thread's default until the returned scope is closed, which restores the previous
   * one: {@code try (var f64 = DType.defaultScope(FLOAT64)) { ... }}.
   */
  public static GradMode.Scope defaultScope(DType type) {
    checkNotNull(type, "defaultScope: type must not be null");
    GradMode.Flag flag = GradMode.flag();
    DType previous = flag.defaultType;
    flag.defaultType = type;
    return () -> flag.defaultType = previous;
  }

  /**
   * The common type of two operands: the wider floating type if either is floating (FLOAT64 over FLOAT32), else
   * INT64 if either is, else BOOL.
   */
  public static DType promote(DType a, DType b) {
    if (a == FLOAT64 || b == FLOAT64) {
      return FLOAT64;
    }
    if (a == FLOAT32 || b == FLOAT32) {
      return FLOAT32;
    }
    return a == INT64 || b == INT64 ? INT64 : BOOL;
  }

  /** Whether this is FLOAT32 or FLOAT64: the types that can carry a gradient. */
  public boolean isFloatingPoint() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /** NumPy's name, e.g. {@code float32}. */
  @Override
  public String toString() {
    return displayName;
  }
}
