/**
 * Convolution ops: {@link dev.chainrule.autodiff.ops.conv.Conv2d}, its adjoint
 * {@link dev.chainrule.autodiff.ops.conv.ConvTranspose2d}, and im2col / col2im as the user-visible
 * {@link dev.chainrule.autodiff.ops.conv.Unfold} and {@link dev.chainrule.autodiff.ops.conv.Fold}; the functions
 * users call are on {@link dev.chainrule.autodiff.ops.conv.Conv}, with their options in
 * {@link dev.chainrule.autodiff.ops.conv.ConvOptions}.
 *
 * <p>Invariants, beyond those of {@code dev.chainrule.autodiff.ops}:
 *
 * <ul>
 *   <li>Layouts are PyTorch's: images NCHW, conv weights {@code (F, C/groups, KH, KW)}, transposed-conv weights
 *       {@code (C_in, C_out/groups, KH, KW)}, unfold columns {@code (N, C KH KW, L)}; output sizes follow
 *       PyTorch's rules exactly.
 *   <li>The ops are fused for speed (per image, im2col and one GEMM per group), but every backward is a
 *       composition of these ops and {@code MatMul}: conv2d's input gradient is a convTranspose2d and
 *       convTranspose2d's is a conv2d, each weight gradient an unfold times a matrix product, unfold's gradient
 *       a fold and fold's an unfold. So derivatives of every order exist.
 *   <li>Scratch (the column matrix and the channel-major staging buffer) is per thread and reused; it never
 *       escapes a forward, whose output is always fresh storage.
 * </ul>
 */
package dev.chainrule.autodiff.ops.conv;
