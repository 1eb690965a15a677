package dev.chainrule.nn.layers.attention;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;

/**
 * The optional inputs of {@link MultiheadAttention#call(Tensor, Tensor, Tensor, AttentionOptions)}, PyTorch's
 * keyword arguments of {@code nn.MultiheadAttention.forward}. The two masks are {@link DType#BOOL} tensors (a
 * float or integer mask is refused, naming the layer) and follow PyTorch's convention for this layer:
 * <b>true means the position is ignored</b> (the opposite of the mask of
 * {@link Attention#scaledDotProductAttention}, where true means it may be attended to).
 *
 * @param keyPaddingMask BOOL of shape {@code (N, S)} ({@code (S)} for an unbatched input): true where a key is
 *     padding that no query may attend to; {@code null} for none
 * @param attnMask BOOL of shape {@code (L, S)} or {@code (N * numHeads, L, S)}: true where query {@code i} may
 *     not attend to key {@code j} (PyTorch's boolean {@code attn_mask}); {@code null} for none
 * @param attnBias shape {@code (L, S)} or {@code (N * numHeads, L, S)}: added to the scores, {@code -inf} masks
 *     (PyTorch's float {@code attn_mask}); {@code null} for none
 * @param causal whether query {@code i} may attend only to keys {@code j <= i} (a {@code (L, S)} lower-triangular
 *     mask, as {@link Attention#causalMask})
 * @param needWeights whether {@link MultiheadAttention.Output#weights()} is computed
 * @param averageWeights whether those weights are averaged over the heads, {@code (N, L, S)}, or kept per head,
 *     {@code (N, numHeads, L, S)} (PyTorch's {@code average_attn_weights})
 */
public record AttentionOptions(Tensor keyPaddingMask, Tensor attnMask, Tensor attnBias, boolean causal,
    boolean needWeights, boolean averageWeights) {

  /** No masks, head-averaged weights: PyTorch's defaults. */
  public static AttentionOptions defaults() {
    return new AttentionOptions(null, null, null, false, true, true);
  }

  /** These options with {@code keyPaddingMask}. */
  public AttentionOptions withKeyPaddingMask(Tensor mask) {
    return new AttentionOptions(mask, attnMask, attnBias, causal, needWeights, averageWeights);
  }

  /** These options with the boolean {@code attnMask} (true = may not attend). */
  public AttentionOptions withAttnMask(Tensor mask) {
    return new AttentionOptions(keyPaddingMask, mask, attnBias, causal, needWeights, averageWeights);
  }

  /** These options with the additive {@code attnBias}. */
  public AttentionOptions withAttnBias(Tensor bias) {
    return new AttentionOptions(keyPaddingMask, attnMask, bias, causal, needWeights, averageWeights);
  }

  /** These options with the causal mask on or off. */
  public AttentionOptions withCausal(boolean on) {
    return new AttentionOptions(keyPaddingMask, attnMask, attnBias, on, needWeights, averageWeights);
  }

  /** These options with the weights computed or not, and if so averaged over the heads or not. */
  public AttentionOptions withWeights(boolean need, boolean average) {
    return new AttentionOptions(keyPaddingMask, attnMask, attnBias, causal, need, average);
  }
}
