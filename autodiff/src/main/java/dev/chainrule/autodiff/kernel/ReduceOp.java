package dev.chainrule.autodiff.kernel;

/** Reductions along one axis: a sum, or the largest or smallest element. */
public enum ReduceOp {
  SUM,
  MAX,
  MIN
}
