package dev.chainrule.autodiff;



/**
 * The static factories of {@link Tensor}: {@code Tensor.of}, {@code zeros}, {@code arange}, {@code randn} and
 * the rest, kept apart from the instance methods. Call them through {@code Tensor}; the bodies are in
 * {@link TensorFactory}.
 */
abstract class TensorCreation {
  TensorCreation() {}

  /** A scalar of the default type. */
  public static Tensor scalar(double value) {
    return TensorFactory.full(DType.defaultType(), value, Shape.scalar());
  }

  /** A scalar of type {@code dtype}. */
  public static Tensor scalar(DType dtype, double value) {
    return TensorFactory.full(dtype, value, Shape.scalar());
  }

  /** A FLOAT32 vector (copied). */
  public static Tensor of(float... values) {
    return Tensor.wrap(Shape.of(values.length), values.clone());
  }

  /** A FLOAT64 vector (copied). */
  public static Tensor of(double... values) {
    return Tensor.wrap(Shape.of(values.length), values.clone());
  }

  /** A FLOAT32 matrix from rows of equal length (copied). */
  public static Tensor of(float[][] rows) {
    return TensorFactory.fromRows(rows);
  }

  /** A FLOAT64 matrix from rows of equal length (copied). */
  public static Tensor of(double[][] rows) {
    return TensorFactory.fromRows(rows);
  }

  /** A FLOAT32 tensor of the given shape from row-major values (copied). */
  public static Tensor of(float[] values, int... shape) {
    return Tensor.wrap(Shape.of(shape), values.clone());
  }

  /** A FLOAT64 tensor of the given shape from row-major values (copied). */
  public static Tensor of(double[] values, int... shape) {
    return Tensor.wrap(Shape.of(shape), values.clone());
  }

  /**
   * An INT64 vector (copied): indices, labels, token ids. Named apart from {@code of} so that {@code Tensor.of(1, 2)}
   * stays a FLOAT32 vector.
   */
  public static Tensor ofLongs(long... values) {
    return Tensor.wrap(Shape.of(values.length), values.clone());
  }

  /** An INT64 tensor of the given shape from row-major values (copied). */
  public static Tensor of(long[] values, int... shape) {
    return Tensor.wrap(Shape.of(shape), values.clone());
  }

  /** A BOOL vector (copied): a mask. */
  public static Tensor of(boolean... values) {
    return Tensor.wrap(Shape.of(values.length), values.clone());
  }

  /** A BOOL tensor of the given shape from row-major values (copied). */
  public static Tensor of(boolean[] values, int... shape) {
    return Tensor.wrap(Shape.of(shape), values.clone());
  }

  /** A tensor of type {@code dtype} of the given shape from row-major values (copied and converted). */
  public static Tensor of(DType dtype, double[] values, int... shape) {
    return Tensor.wrap(Shape.of(shape), values.clone()).to(dtype);
  }

  public static Tensor zeros(int... shape) {
    return TensorFactory.full(DType.defaultType(), 0, Shape.of(shape));
  }

  public static Tensor zeros(DType dtype, int... shape) {
    return TensorFactory.full(dtype, 0, Shape.of(shape));
  }

  public static Tensor ones(int... shape) {
    return TensorFactory.full(DType.defaultType(), 1, Shape.of(shape));
  }

  public static Tensor ones(DType dtype, int... shape) {
    return TensorFactory.full(dtype, 1, Shape.of(shape));
  }

  public static Tensor full(double value, int... shape) {
    return TensorFactory.full(DType.defaultType(), value, Shape.of(shape));
  }

  public static Tensor full(DType dtype, double value, int... shape) {
    return TensorFactory.full(dtype, value, Shape.of(shape));
  }

  /** {@code start, start + step, ...} up to but excluding {@code end}, of the default type. */
  public static Tensor arange(double start, double end, double step) {
    return TensorFactory.arange(DType.defaultType(), start, end, step);
  }

  /** {@code 0, 1, ..., end - 1}, of type {@code dtype} (INT64 for indices, as PyTorch's integer arange). */
  public static Tensor arange(DType dtype, int end) {
    return TensorFactory.arange(dtype, 0, end, 1);
  }

  /** {@code 0, 1, ..., end - 1}, of the default type. */
  public static Tensor arange(int end) {
    return TensorFactory.arange(DType.defaultType(), 0, end, 1);
  }

  /** {@code steps} evenly spaced values from {@code start} to {@code end} inclusive, of the default type. */
  public static Tensor linspace(double start, double end, int steps) {
    return TensorFactory.linspace(DType.defaultType(), start, end, steps);
  }

  /** The {@code n x n} identity matrix, of the default type. */
  public static Tensor eye(int n) {
    return TensorFactory.eye(DType.defaultType(), n);
  }

  /** Uniform in {@code [0, 1)} from {@code rng}, of the default type. */
  public static Tensor rand(Rng rng, int... shape) {
    return TensorFactory.uniform(DType.defaultType(), rng, 0, 1, Shape.of(shape));
  }

  /** Standard normal from {@code rng}, of the default type. */
  public static Tensor randn(Rng rng, int... shape) {
    return TensorFactory.normal(DType.defaultType(), rng, 0, 1, Shape.of(shape));
  }

  /** Uniform in {@code [low, high)} from {@code rng}, of the default type. */
  public static Tensor uniform(Rng rng, double low, double high, int... shape) {
    return uniform(DType.defaultType(), rng, low, high, shape);
  }

  /** Uniform in {@code [low, high)} from {@code rng}, drawn straight into {@code dtype} (no float64 copy first). */
  public static Tensor uniform(DType dtype, Rng rng, double low, double high, int... shape) {
    return TensorFactory.uniform(dtype, rng, low, high, Shape.of(shape));
  }

  /**
   * Normal with mean {@code mean} and standard deviation {@code std} from {@code rng}, drawn straight into
   * {@code dtype}: in FLOAT32 the same bits as {@code randn(rng, shape).mul(std).add(mean)}, in one array.
   */
  public static Tensor normal(DType dtype, Rng rng, double mean, double std, int... shape) {
    return TensorFactory.normal(dtype, rng, mean, std, Shape.of(shape));
  }
}
