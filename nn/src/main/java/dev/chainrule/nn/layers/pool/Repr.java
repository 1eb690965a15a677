package dev.chainrule.nn.layers.pool;

import dev.chainrule.autodiff.ops.pool.PoolOptions;

/** PyTorch's {@code extra_repr} of the pool layers: a square option as one number, another as a pair. */
final class Repr {
  private Repr() {}

  static String of(int h, int w, boolean oneD) {
    return oneD || h == w ? Integer.toString(w) : "(" + h + ", " + w + ")";
  }

  static String max(PoolOptions o, boolean oneD) {
    return "kernel_size=" + of(o.kernelH(), o.kernelW(), oneD) + ", stride=" + of(o.strideH(), o.strideW(), oneD)
        + ", padding=" + of(o.padH(), o.padW(), oneD) + ", dilation=" + of(o.dilationH(), o.dilationW(), oneD)
        + ", ceil_mode=" + python(o.ceilMode());
  }

  static String avg(PoolOptions o, boolean oneD) {
    return "kernel_size=" + of(o.kernelH(), o.kernelW(), oneD) + ", stride=" + of(o.strideH(), o.strideW(), oneD)
        + ", padding=" + of(o.padH(), o.padW(), oneD) + ", ceil_mode=" + python(o.ceilMode())
        + ", count_include_pad=" + python(o.countIncludePad());
  }

  private static String python(boolean b) {
    return b ? "True" : "False";
  }
}
