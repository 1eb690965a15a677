package dev.chainrule.autodiff.ops.pool;

/** How {@link Pad#pad} fills the border, as PyTorch's {@code F.pad} modes. */
public enum PadMode {
  /** A constant value (0 unless given): {@code 1 2 3} padded by 2 is {@code 0 0 1 2 3 0 0}. */
  CONSTANT,
  /** Mirror without repeating the edge: {@code 1 2 3} padded by 2 is {@code 3 2 1 2 3 2 1}; padding < size. */
  REFLECT,
  /** Repeat the edge: {@code 1 2 3} padded by 2 is {@code 1 1 1 2 3 3 3}. */
  REPLICATE
}
