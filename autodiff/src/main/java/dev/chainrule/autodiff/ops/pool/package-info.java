/**
 * Pooling and padding: the ops behind {@link dev.chainrule.autodiff.ops.pool.Pool} (max, average and adaptive
 * average pooling) and {@link dev.chainrule.autodiff.ops.pool.Pad} (constant, reflect, replicate), PyTorch's
 * {@code torch.nn.functional} semantics on NCHW tensors.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>The facades check the caller's arguments (naming the op, the input shape and the options) and build
 *       the geometry ({@code Windows}, index maps); an op's constructor takes it ready, so the ops are
 *       package-private to build and public to recognise in graphs.
 *   <li>Every backward is linear in {@code g} and written with ops of this package whose own backward is the
 *       forward again ({@code WindowMean} with {@code WindowSpread}, {@code TakeAt} with {@code ScatterAt}), or
 *       with {@code narrow}: second derivatives work.
 *   <li>Max pooling routes the gradient to one input per window (the first maximum; the last NaN), as PyTorch.
 * </ul>
 */
package dev.chainrule.autodiff.ops.pool;
