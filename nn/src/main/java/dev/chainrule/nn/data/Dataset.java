package dev.chainrule.nn.data;

/** A fixed, indexable collection of samples, read a batch at a time; like PyTorch's map-style dataset. */
public interface Dataset {

  /** The number of samples. */
  int size();

  /** The samples at {@code indices}, in that order, as one batch; each index in {@code [0, size())}. */
  Batch get(int[] indices);
}
