package dev.chainrule.nn.layers.attention;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.MatMul;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.init.Init;
import dev.chainrule.nn.layers.Linear;

/**
 * Multi-head attention, PyTorch's {@code nn.MultiheadAttention}: with {@code E = embedDim}, {@code H = numHeads}
 * and {@code D = E / H},
 *
 * <pre>
 *   Q = query W_q^T + b_q,  K = key W_k^T + b_k,  V = value W_v^T + b_v          split into H heads of size D
 *   head_h = dropout(w_h) V_h,  w_h = softmax(Q_h K_h^T / sqrt(D) + bias) over the allowed keys
 *   output = concat(head_1 .. head_H) W_o^T + b_o
 * </pre>
 *
 * a composition of {@link Attention#weights} and autodiff ops (the gradient is theirs, by the chain rule).
 *
 * <p>Parameters with PyTorch's names and layout, so state dicts carry over: {@code in_proj_weight}
 * {@code (3E, E)} holding {@code W_q, W_k, W_v} stacked (or, when the key or value size differs from {@code E},
 * {@code q_proj_weight (E, E)}, {@code k_proj_weight (E, kdim)}, {@code v_proj_weight (E, vdim)}),
 * {@code in_proj_bias (3E)}, and the submodule {@code out_proj}, a {@link Linear} with {@code out_proj.weight}
 * and {@code out_proj.bias}. Initialised as PyTorch: Xavier uniform on the input projections, zeros on both
 * biases, {@link Linear}'s default on {@code out_proj.weight}.
 *
 * <p>Shapes: query {@code (L, N, E)}, key {@code (S, N, kdim)}, value {@code (S, N, vdim)}, output
 * {@code (L, N, E)}; with {@code batchFirst} the batch axis comes first, {@code (N, L, E)}; an unbatched input
 * {@code (L, E)} gives {@code (L, E)}. Masks: see {@link AttentionOptions} (BOOL, true = ignored, PyTorch's
 * convention for this layer). A query whose keys are all masked gets output {@code b_o} (its attention is 0, see
 * {@link Attention}), where PyTorch gives NaN. In training, dropout with probability {@code dropout} zeroes
 * attention weights (inverted dropout, drawn from the layer's {@link Rng}); the returned weights are the ones
 * applied, after dropout, as in PyTorch.
 *
 * <p>{@link #forward(Tensor)} is self-attention without masks, so the layer fits a {@code Sequential}; the typed
 * {@link #call(Tensor, Tensor, Tensor, AttentionOptions)} takes separate query, key and value and the masks, and
 * returns an {@link Output} with the weights.
 */
public final class MultiheadAttention extends Module {
  /**
   * The attended output and the attention weights ({@code null} unless asked for): {@code (N, L, S)} averaged
   * over the heads or {@code (N, numHeads, L, S)}; without the {@code N} axis for an unbatched input.
   */
  public record Output(Tensor output, Tensor weights) {}

  private final int embedDim;
  private final int numHeads;
  private final int kdim;
  private final int vdim;
  private final double dropout;
  private final boolean hasBias;
  private final boolean batchFirst;
  private final boolean packed;
  private final Linear outProj;
  private final Rng rng;

  /** No dropout, with biases, sequence-first. */
  public MultiheadAttention(int embedDim, int numHeads, Rng rng) {
    this(embedDim, numHeads, 0, true, false, rng);
  }

  /** Keys and values of size {@code embedDim}. */
  public MultiheadAttention(int embedDim, int numHeads, double dropout, boolean bias, boolean batchFirst, Rng rng) {
    this(embedDim, numHeads, dropout, bias, batchFirst, embedDim, embedDim, rng);
  }

  /**
   * @param dropout the probability of zeroing an attention weight in training, in {@code [0, 1)}
   * @param bias whether the projections have biases ({@code in_proj_bias}, {@code out_proj.bias})
   * @param batchFirst whether inputs and output are {@code (N, L, E)} rather than {@code (L, N, E)}
   * @param kdim the size of a key's features; {@code embedDim} in the packed layout
   * @param vdim the size of a value's features
   * @param rng draws the initial weights, then the dropout masks
   */
  public MultiheadAttention(int embedDim, int numHeads, double dropout, boolean bias, boolean batchFirst, int kdim,
      int vdim, Rng rng) {
    checkArgument(embedDim > 0 && numHeads > 0 && kdim > 0 && vdim > 0, "MultiheadAttention: embedDim %s, numHeads"
        + " %s, kdim %s and vdim %s must be positive", embedDim, numHeads, kdim, vdim);
    checkArgument(embedDim % numHeads == 0, "MultiheadAttention: embedDim %s must be divisible by numHeads %s (each"
        + " head gets embedDim / numHeads features)", embedDim, numHeads);
    checkArgument(dropout >= 0 && dropout < 1, "MultiheadAttention: dropout must be in [0, 1), got %s", dropout);
    this.rng = checkNotNull(rng, "MultiheadAttention: rng must not be null");
    this.embedDim = embedDim;
    this.numHeads = numHeads;
    this.kdim = kdim;
    this.vdim = vdim;
    this.dropout = dropout;
    this.hasBias = bias;
    this.batchFirst = batchFirst;
    this.packed = kdim == embedDim && vdim == embedDim;
    if (packed) {
      registerParameter("in_proj_weight", Init.xavierUniform(Tensor.zeros(3 * embedDim, embedDim), rng));
    } else {
      registerParameter("q_proj_weight", Init.xavierUniform(Tensor.zeros(embedDim, embedDim), rng));
      registerParameter("k_proj_weight", Init.xavierUniform(Tensor.zeros(embedDim, kdim), rng));
      registerParameter("v_proj_weight", Init.xavierUniform(Tensor.zeros(embedDim, vdim), rng));
    }
    if (bias) {
      registerParameter("in_proj_bias", Tensor.zeros(3 * embedDim));
    }
    outProj = registerModule("out_proj", new Linear(embedDim, embedDim, bias, rng));
    if (bias) {
      Init.zeros(outProj.bias());
    }
  }

  /** Self-attention without masks: {@code call(x, x, x, defaults).output()}. */
  @Override
  public Tensor forward(Tensor x) {
    return attend(x, x, x, AttentionOptions.defaults().withWeights(false, false)).output();
  }

  /** Attention of {@code query} over {@code key} and {@code value}, no masks, head-averaged weights. */
  public Output call(Tensor query, Tensor key, Tensor value) {
    return call(query, key, value, AttentionOptions.defaults());
  }

  /**
   * Attention with PyTorch's boolean masks (true = ignored) and head-averaged weights.
   *
   * @param keyPaddingMask BOOL {@code (N, S)}, true where a key is padding; {@code null} for none
   * @param attnMask BOOL {@code (L, S)} or {@code (N * numHeads, L, S)}, true where query {@code i} may not
   *     attend to key {@code j}; {@code null} for none
   */
  public Output call(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask) {
    return call(query, key, value, AttentionOptions.defaults().withKeyPaddingMask(keyPaddingMask)
        .withAttnMask(attnMask));
  }

  /**
   * Attention with every option of {@link AttentionOptions}, run as {@link #call(Tensor)} runs forward (graph
   * scope, module path in errors, summary row).
   */
  public Output call(Tensor query, Tensor key, Tensor value, AttentionOptions options) {
    checkNotNull(options, "MultiheadAttention: options must not be null");
    return invoke(() -> attend(query, key, value, options));
  }

  private Output attend(Tensor query, Tensor key, Tensor value, AttentionOptions o) {
    AttentionShapes s = AttentionShapes.check(this, query, key, value, o);
    Tensor q = heads(project(batchMajor(query, s), "q", 0, s), s.n(), s.l());
    Tensor k = heads(project(batchMajor(key, s), "k", 1, s), s.n(), s.s());
    Tensor v = heads(project(batchMajor(value, s), "v", 2, s), s.n(), s.s());
    DType type = q.dtype();
    Tensor keep = null;
    if (o.keyPaddingMask() != null) {
      keep = o.keyPaddingMask().logicalNot().reshape(s.n(), 1, 1, s.s());
    }
    if (o.attnMask() != null) {
      Tensor allowed = perHead(o.attnMask().logicalNot(), s);
      keep = keep == null ? allowed : keep.logicalAnd(allowed);
    }
    Tensor bias = o.attnBias() == null ? null : perHead(o.attnBias(), s);
    Tensor w = Attention.weights(q, k, keep, bias, o.causal());
    if (isTraining() && dropout > 0) {
      w = w.mul(Tensor.rand(rng, w.shape().dims()).ge(dropout).to(type).mul(1 / (1 - dropout)));
    }
    Tensor heads = w.matmul(v).permute(0, 2, 1, 3).reshape(s.n(), s.l(), embedDim); // (N, L, E)
    Tensor out = outProj.call(heads);
    out = s.batched() ? (batchFirst ? out : out.transpose(0, 1)) : out.reshape(s.l(), embedDim);
    Tensor weights = null;
    if (o.needWeights()) {
      weights = o.averageWeights() ? w.mean(new int[] {1}, false) : w;
      weights = s.batched() ? weights : weights.squeeze(0);
    }
    return new Output(out, weights);
  }

  /** {@code x} as {@code (N, length, features)}. */
  private Tensor batchMajor(Tensor x, AttentionShapes s) {
    if (!s.batched()) {
      return x.unsqueeze(0);
    }
    return batchFirst ? x : x.transpose(0, 1);
  }

  /** {@code x W^T + b} with the rows of the input projection for {@code which} (0 query, 1 key, 2 value). */
  private Tensor project(Tensor x, String name, int which, AttentionShapes s) {
    Tensor weight = packed ? parameter("in_proj_weight").narrow(0, which * embedDim, embedDim)
        : parameter(name + "_proj_weight");
    Tensor y = new MatMul(false, true).apply(x, weight);
    return hasBias ? y.add(parameter("in_proj_bias").narrow(0, which * embedDim, embedDim)) : y;
  }

  /** {@code (N, length, E)} as {@code (N, H, length, D)}. */
  private Tensor heads(Tensor x, int n, int length) {
    return x.reshape(n, length, numHeads, embedDim / numHeads).permute(0, 2, 1, 3);
  }

  /** A per-pair mask or bias, {@code (L, S)} or {@code (N * H, L, S)}, broadcastable to {@code (N, H, L, S)}. */
  private Tensor perHead(Tensor m, AttentionShapes s) {
    return m.rank() == 2 ? m : m.reshape(s.n(), numHeads, s.l(), s.s());
  }

  public int embedDim() {
    return embedDim;
  }

  public int numHeads() {
    return numHeads;
  }

  public int kdim() {
    return kdim;
  }

  public int vdim() {
    return vdim;
  }

  public boolean batchFirst() {
    return batchFirst;
  }

  /** The output projection {@code out_proj}. */
  public Linear outProj() {
    return outProj;
  }

  @Override
  protected String extraRepr() {
    return "embed_dim=" + embedDim + ", num_heads=" + numHeads + ", dropout=" + dropout + ", bias=" + hasBias
        + (packed ? "" : ", kdim=" + kdim + ", vdim=" + vdim) + ", batch_first=" + batchFirst;
  }
}
