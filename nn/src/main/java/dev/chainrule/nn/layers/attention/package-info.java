/**
 * Attention: {@code Attention.scaledDotProductAttention} (PyTorch 2's {@code scaled_dot_product_attention}),
 * {@code MultiheadAttention} and {@code TransformerEncoderLayer}, with PyTorch's parameter names and layouts so
 * state dicts carry over.
 *
 * <p>Invariants: everything here is a composition of autodiff tensor operations with no gradient code. Masks are
 * BOOL tensors (a float or integer mask is refused; additive float masks are separate bias arguments): true means
 * "may attend" for {@code scaledDotProductAttention} and "ignored" for {@code MultiheadAttention}'s and
 * {@code TransformerEncoderLayer}'s masks, as in PyTorch. Masked softmax entries are exactly 0 and never NaN: a query allowed to attend to nothing gets
 * zero attention (so zero output before any output projection) and sends no gradient back, where PyTorch gives
 * NaN; NaN in the inputs still reaches every output that reads it. Layers with several inputs take them through
 * typed {@code call} methods and return typed records; their {@code forward(Tensor)} is the one-input case
 * (self-attention without masks) so they fit a {@code Sequential}.
 */
package dev.chainrule.nn.layers.attention;
