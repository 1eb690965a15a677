package dev.chainrule.nn.layers.attention;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.layers.Dropout;
import dev.chainrule.nn.layers.LayerNorm;
import dev.chainrule.nn.layers.Linear;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * One layer of a transformer encoder, PyTorch's {@code nn.TransformerEncoderLayer}: self-attention and a
 * position-wise feed-forward block, each with a residual connection and a normalisation. With
 * {@code sa(x) = dropout1(self_attn(x, x, x))} and {@code ff(x) = dropout2(linear2(dropout(act(linear1(x)))))}:
 *
 * <pre>
 *   post-norm (default):  x = norm1(x + sa(x));         y = norm2(x + ff(x))
 *   pre-norm (normFirst): x = x + sa(norm1(x));         y = x + ff(norm2(x))
 * </pre>
 *
 * a composition of its submodules (the gradient is theirs, by the chain rule). Submodules with PyTorch's names,
 * in PyTorch's order, so state dicts carry over: {@code self_attn} ({@link MultiheadAttention}), {@code linear1}
 * {@code (dimFeedforward, dModel)}, {@code dropout}, {@code linear2} {@code (dModel, dimFeedforward)},
 * {@code norm1}, {@code norm2}, {@code dropout1}, {@code dropout2}. The normalisation is given as a factory of a
 * module over the last axis of size {@code dModel} (PyTorch's is {@link LayerNorm}{@code (dModel)},
 * {@code eps=1e-5}, with {@code weight} and {@code bias}, which {@link #TransformerEncoderLayer(int, int, Rng)}
 * uses), the activation as a tensor function ({@code Tensor::relu}, PyTorch's default, or {@code Tensor::gelu}).
 *
 * <p>Shapes: {@code (L, N, dModel)}, {@code (N, L, dModel)} with {@code batchFirst}, or {@code (L, dModel)}
 * unbatched; the output has the input's shape. {@link #forward(Tensor)} runs without masks; the typed
 * {@link #call(Tensor, AttentionOptions)} takes the self-attention's masks ({@code src_mask},
 * {@code src_key_padding_mask}).
 */
public final class TransformerEncoderLayer extends Module {
  private final int dModel;
  private final boolean normFirst;
  private final UnaryOperator<Tensor> activation;
  private final MultiheadAttention selfAttn;
  private final Linear linear1;
  private final Dropout dropout;
  private final Linear linear2;
  private final Module norm1;
  private final Module norm2;
  private final Dropout dropout1;
  private final Dropout dropout2;

  /**
   * PyTorch's {@code nn.TransformerEncoderLayer(dModel, nhead)}: {@code dimFeedforward = 2048},
   * {@code dropout = 0.1}, ReLU, post-norm, sequence-first, and {@code norm1}, {@code norm2} a
   * {@link LayerNorm}{@code (dModel)} with {@code eps = 1e-5}, {@code weight} and {@code bias}.
   */
  public TransformerEncoderLayer(int dModel, int nhead, Rng rng) {
    this(dModel, nhead, size -> new LayerNorm(size), rng);
  }

  /**
   * PyTorch's defaults ({@code dimFeedforward = 2048}, {@code dropout = 0.1}, ReLU, post-norm, sequence-first)
   * with another normalisation.
   *
   * @param norm makes the normalisation over the last axis of size {@code dModel}
   */
  public TransformerEncoderLayer(int dModel, int nhead, IntFunction<? extends Module> norm, Rng rng) {
    this(dModel, nhead, 2048, 0.1, Tensor::relu, false, false, norm, rng);
  }

  /**
   * @param dModel the size of a token's features
   * @param nhead the number of attention heads; must divide {@code dModel}
   * @param dimFeedforward the hidden size of the feed-forward block
   * @param dropout the probability used by every dropout, attention weights included, in {@code [0, 1)}
   * @param activation the feed-forward block's nonlinearity: {@code Tensor::relu} (PyTorch's
   *     {@code activation="relu"}), {@code Tensor::gelu} (PyTorch's {@code "gelu"}, the exact erf form), or any
   *     other tensor function
   * @param normFirst whether to normalise before each block (pre-norm) rather than after each residual sum
   * @param batchFirst whether inputs are {@code (N, L, dModel)} rather than {@code (L, N, dModel)}
   * @param norm makes {@code norm1} and {@code norm2} for size {@code dModel}
   * @param rng draws the initial weights, then the dropout masks
   */
  public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, double dropout,
      UnaryOperator<Tensor> activation, boolean normFirst, boolean batchFirst, IntFunction<? extends Module> norm,
      Rng rng) {
    checkArgument(dimFeedforward > 0, "TransformerEncoderLayer: dimFeedforward must be positive, got %s",
        dimFeedforward);
    checkNotNull(norm, "TransformerEncoderLayer: norm must not be null");
    checkNotNull(rng, "TransformerEncoderLayer: rng must not be null");
    this.dModel = dModel;
    this.normFirst = normFirst;
    this.activation = checkNotNull(activation, "TransformerEncoderLayer: activation must not be null");
    selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead, dropout, true, batchFirst,
        rng.split()));
    linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward, rng));
    this.dropout = registerModule("dropout", new Dropout(dropout, rng.split()));
    linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel, rng));
    norm1 = registerModule("norm1", checkNotNull(norm.apply(dModel), "TransformerEncoderLayer: norm gave null"));
    norm2 = registerModule("norm2", checkNotNull(norm.apply(dModel), "TransformerEncoderLayer: norm gave null"));
    dropout1 = registerModule("dropout1", new Dropout(dropout, rng.split()));
    dropout2 = registerModule("dropout2", new Dropout(dropout, rng.split()));
  }

  /** The layer without masks. */
  @Override
  public Tensor forward(Tensor src) {
    return encode(src, AttentionOptions.defaults());
  }

  /**
   * The layer with the self-attention's boolean masks (true = ignored, as {@link AttentionOptions}).
   *
   * @param srcMask BOOL {@code (L, L)} or {@code (N * nhead, L, L)}; {@code null} for none
   * @param srcKeyPaddingMask BOOL {@code (N, L)}; {@code null} for none
   */
  public Tensor call(Tensor src, Tensor srcMask, Tensor srcKeyPaddingMask) {
    return call(src, AttentionOptions.defaults().withAttnMask(srcMask).withKeyPaddingMask(srcKeyPaddingMask));
  }

  /**
   * The layer with the self-attention's masks, bias and causal flag from {@code masks} (their weights are
   * unused), run as {@link #call(Tensor)} runs forward (graph scope, module path in errors, summary row).
   */
  public Tensor call(Tensor src, AttentionOptions masks) {
    checkNotNull(masks, "TransformerEncoderLayer: masks must not be null");
    return invoke(() -> encode(src, masks));
  }

  private Tensor encode(Tensor src, AttentionOptions masks) {
    checkNotNull(src, "TransformerEncoderLayer: src must not be null");
    checkArgument(src.rank() >= 2 && src.shape().dim(-1) == dModel, "TransformerEncoderLayer: src of shape %s must"
        + " have dModel = %s features in its last axis, (L, N, dModel), (N, L, dModel) or (L, dModel)", src.shape(),
        dModel);
    AttentionOptions o = masks.withWeights(false, false);
    Tensor x = src;
    if (normFirst) {
      x = x.add(selfAttention(norm1.call(x), o));
      return x.add(feedForward(norm2.call(x)));
    }
    x = norm1.call(x.add(selfAttention(x, o)));
    return norm2.call(x.add(feedForward(x)));
  }

  private Tensor selfAttention(Tensor x, AttentionOptions o) {
    return dropout1.call(selfAttn.call(x, x, x, o).output());
  }

  private Tensor feedForward(Tensor x) {
    return dropout2.call(linear2.call(dropout.call(activation.apply(linear1.call(x)))));
  }

  /** The self-attention {@code self_attn}. */
  public MultiheadAttention selfAttn() {
    return selfAttn;
  }

  public int dModel() {
    return dModel;
  }

  @Override
  protected String extraRepr() {
    return "norm_first=" + normFirst;
  }
}
