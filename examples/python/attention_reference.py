"""Reference values for chainrule's attention layers, from PyTorch 1.13 in float64.

Writes nn/src/test/resources/dev/chainrule/nn/layers/attention/attention_reference.safetensors, which
AttentionPyTorchTest reads: per case, the inputs, the masks (as 0/1 float64, written before the reader took BOOL;
the test turns them into BOOL with ne(0)), the module's state dict under "<case>.state.<name>", and PyTorch's outputs.

Cases:
  sdpa            scaled dot-product attention with a boolean mask, an additive float mask and is_causal, computed
                  with explicit ops as torch 2's documented reference (torch 1.13 has no F.scaled_dot_product_attention)
  mha             nn.MultiheadAttention(8, 2), sequence-first, key_padding_mask and a boolean (L, S) attn_mask,
                  head-averaged weights
  mha_bias        the same layer with a float (N * heads, L, S) attn_mask and per-head weights
  mha_kv          nn.MultiheadAttention(6, 3, kdim=4, vdim=5, batch_first=True), no input bias, float (L, S) mask
  enc_post        nn.TransformerEncoderLayer(8, 2, 16, dropout=0), ReLU, post-norm, src_key_padding_mask
  enc_pre         nn.TransformerEncoderLayer(8, 4, 12, dropout=0, gelu tanh, norm_first, batch_first), src_mask

No query is fully masked: PyTorch gives NaN there, chainrule gives zero attention (tested in Java on its own).
The modules stay in training mode with dropout 0, so PyTorch 1.13 takes its reference path, not the fused fast path.

Run: /usr/bin/python3 examples/python/attention_reference.py   (Debian: apt-get install python3-torch)
"""
import json
import math
import os
import struct

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "nn", "src", "test", "resources",
                   "dev", "chainrule", "nn", "layers", "attention", "attention_reference.safetensors")


def save_safetensors(path, tensors):
    """The safetensors layout (8-byte header length, JSON header, little-endian data), F64 only."""
    header, chunks, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().to(torch.float64).contiguous().numpy().astype("<f8").tobytes()
        header[name] = {"dtype": "F64", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for c in chunks:
            f.write(c)


def sdpa_reference(q, k, v, attn_mask=None, is_causal=False):
    """torch 2's documented reference for F.scaled_dot_product_attention (dropout 0, default scale)."""
    L, S = q.size(-2), k.size(-2)
    bias = torch.zeros(L, S, dtype=q.dtype)
    if is_causal:
        allowed = torch.ones(L, S, dtype=torch.bool).tril(diagonal=0)
        bias = bias.masked_fill(allowed.logical_not(), float("-inf"))
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            bias = bias.masked_fill(attn_mask.logical_not(), float("-inf"))
        else:
            bias = attn_mask + bias
    w = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1)) + bias
    return torch.softmax(w, dim=-1) @ v


def bool_mask(shape, p, gen):
    """A random boolean mask with probability p of True, with at least one False per row of the last axis."""
    m = torch.rand(shape, generator=gen, dtype=torch.float64) < p
    m[..., 0] = False
    return m


def main():
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(1)
    out = {}

    def rnd(*shape):
        return torch.randn(*shape, generator=gen, dtype=torch.float64)

    # scaled dot-product attention
    q, k, v = rnd(2, 3, 4, 5), rnd(2, 3, 6, 5), rnd(2, 3, 6, 7)
    allowed = torch.rand(4, 6, generator=gen, dtype=torch.float64) < 0.6
    allowed[:, 0] = True
    bias = rnd(2, 1, 4, 6)
    bias[0, 0, 1, 2] = float("-inf")
    out.update({"sdpa.q": q, "sdpa.k": k, "sdpa.v": v, "sdpa.mask": allowed.double(), "sdpa.bias": bias,
                "sdpa.out_mask": sdpa_reference(q, k, v, attn_mask=allowed),
                "sdpa.out_bias": sdpa_reference(q, k, v, attn_mask=bias),
                "sdpa.out_causal": sdpa_reference(q, k, v, is_causal=True)})

    # MultiheadAttention, packed projections, sequence-first
    mha = torch.nn.MultiheadAttention(8, 2).double()
    with torch.no_grad():
        mha.in_proj_bias.copy_(rnd(24) * 0.1)
        mha.out_proj.bias.copy_(rnd(8) * 0.1)
    L, S, N = 4, 5, 3
    query, key, value = rnd(L, N, 8), rnd(S, N, 8), rnd(S, N, 8)
    padding = bool_mask((N, S), 0.4, gen)
    attn = bool_mask((L, S), 0.3, gen)
    y, w = mha(query, key, value, key_padding_mask=padding, attn_mask=attn)
    out.update({"mha.query": query, "mha.key": key, "mha.value": value, "mha.key_padding_mask": padding.double(),
                "mha.attn_mask": attn.double(), "mha.out": y, "mha.weights": w})
    out.update({"mha.state." + n: t for n, t in mha.state_dict().items()})
    attn_bias = rnd(N * 2, L, S)
    y, w = mha(query, key, value, attn_mask=attn_bias, average_attn_weights=False)
    out.update({"mha_bias.attn_bias": attn_bias, "mha_bias.out": y, "mha_bias.weights": w})

    # MultiheadAttention with other key and value sizes, batch-first, no bias
    mha_kv = torch.nn.MultiheadAttention(6, 3, bias=False, kdim=4, vdim=5, batch_first=True).double()
    query, key, value = rnd(N, L, 6), rnd(N, S, 4), rnd(N, S, 5)
    attn_bias = rnd(L, S)
    y, w = mha_kv(query, key, value, attn_mask=attn_bias)
    out.update({"mha_kv.query": query, "mha_kv.key": key, "mha_kv.value": value, "mha_kv.attn_bias": attn_bias,
                "mha_kv.out": y, "mha_kv.weights": w})
    out.update({"mha_kv.state." + n: t for n, t in mha_kv.state_dict().items()})

    # TransformerEncoderLayer, post-norm, ReLU, sequence-first, key padding
    enc = torch.nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0).double()
    with torch.no_grad():
        enc.norm1.weight.copy_(1 + 0.1 * rnd(8))
        enc.norm2.bias.copy_(0.1 * rnd(8))
    src = rnd(L, N, 8)
    padding = bool_mask((N, L), 0.4, gen)
    y = enc(src, src_key_padding_mask=padding)
    out.update({"enc_post.src": src, "enc_post.key_padding_mask": padding.double(), "enc_post.out": y})
    out.update({"enc_post.state." + n: t for n, t in enc.state_dict().items()})

    # TransformerEncoderLayer, pre-norm, GELU (tanh), batch-first, attention mask
    enc = torch.nn.TransformerEncoderLayer(8, 4, dim_feedforward=12, dropout=0.0,
                                           activation=lambda x: F.gelu(x, approximate="tanh"),
                                           norm_first=True, batch_first=True).double()
    with torch.no_grad():
        enc.norm1.bias.copy_(0.1 * rnd(8))
        enc.norm2.weight.copy_(1 + 0.1 * rnd(8))
    src = rnd(N, L, 8)
    attn = bool_mask((L, L), 0.3, gen)
    y = enc(src, src_mask=attn)
    out.update({"enc_pre.src": src, "enc_pre.attn_mask": attn.double(), "enc_pre.out": y})
    out.update({"enc_pre.state." + n: t for n, t in enc.state_dict().items()})

    save_safetensors(OUT, out)
    print("wrote", os.path.normpath(OUT), len(out), "tensors")


if __name__ == "__main__":
    main()
