package dev.chainrule.nn.train;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;

/** Counts of the NaN and infinite values of a tensor, read from its storage in one pass. */
record NonFinite(int nan, int infinite) {
  /** The counts of {@code t}. */
  static NonFinite of(Tensor t) {
    int nan = 0;
    int infinite = 0;
    if (!t.dtype().isFloatingPoint()) {
      return new NonFinite(0, 0); // integers and booleans are always finite
    }
    if (t.dtype() == DType.FLOAT32) {
      for (float v : t.rawFloats()) {
        if (v != v) {
          nan++;
        } else if (Float.isInfinite(v)) {
          infinite++;
        }
      }
    } else {
      for (double v : t.rawDoubles()) {
        if (v != v) {
          nan++;
        } else if (Double.isInfinite(v)) {
          infinite++;
        }
      }
    }
    return new NonFinite(nan, infinite);
  }

  /** Whether {@code t} holds a NaN; stops at the first. */
  static boolean anyNaN(Tensor t) {
    if (!t.dtype().isFloatingPoint()) {
      return false;
    }
    if (t.dtype() == DType.FLOAT32) {
      for (float v : t.rawFloats()) {
        if (v != v) {
          return true;
        }
      }
      return false;
    }
    for (double v : t.rawDoubles()) {
      if (v != v) {
        return true;
      }
    }
    return false;
  }

  boolean any() {
    return nan > 0 || infinite > 0;
  }

  /** E.g. {@code 4096 NaN}, {@code 1 infinite value}, {@code 2 NaN and 3 infinite values}. */
  @Override
  public String toString() {
    String nans = nan + " NaN";
    String infinities = infinite + (infinite == 1 ? " infinite value" : " infinite values");
    return nan > 0 && infinite > 0 ? nans + " and " + infinities : nan > 0 ? nans : infinities;
  }
}
