"""Reference outputs of LayerNorm, GroupNorm and RMSNorm from PyTorch, for NormPyTorchTest.

Writes, for each case, the input `<case>.x`, the layer's state dict `<case>.weight` / `<case>.bias` (PyTorch's own
keys, from `module.state_dict()`) and PyTorch's output `<case>.y` into one safetensors file; its metadata holds
each case's module as PyTorch prints it (`<case>.module`) and the torch version. Inputs and parameters are
FLOAT64 except in the case named `_f32`. The safetensors package is not needed: the format (an 8-byte
little-endian header length, a JSON header, the raw little-endian data) is written here directly.

Written for torch 1.13, which has neither LayerNorm's `bias=False` (2.1) nor RMSNorm (2.4), so those two cases
compute what PyTorch 2.x does, in torch ops:
  LayerNorm(bias=False):  F.layer_norm(x, normalized_shape, weight, None, eps)
  RMSNorm:                x * rsqrt(mean(x^2 over the last k dims) + eps) * weight,
                          eps=None meaning torch.finfo(x.dtype).eps (aten's rms_norm).

Run from the repository root: /usr/bin/python3 examples/python/norm_reference.py [output.safetensors]
"""
import json
import struct
import sys

import torch
import torch.nn.functional as F

OUT = "nn/src/test/resources/dev/chainrule/nn/layers/norm-reference.safetensors"


class RMSNorm(torch.nn.Module):
    """torch.nn.RMSNorm of PyTorch 2.4, its parameter named `weight` as there."""

    def __init__(self, normalized_shape, eps=None, elementwise_affine=True):
        super().__init__()
        self.normalized_shape = tuple(normalized_shape)
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        if elementwise_affine:
            self.weight = torch.nn.Parameter(torch.ones(self.normalized_shape))

    def forward(self, x):
        dims = tuple(range(-len(self.normalized_shape), 0))
        eps = torch.finfo(x.dtype).eps if self.eps is None else self.eps
        y = x * torch.rsqrt(x.pow(2).mean(dims, keepdim=True) + eps)
        return y * self.weight if self.elementwise_affine else y

    def extra_repr(self):
        return "{normalized_shape}, eps={eps}, elementwise_affine={elementwise_affine}".format(**self.__dict__)


class LayerNormNoBias(torch.nn.Module):
    """torch.nn.LayerNorm(normalized_shape, eps, bias=False) of PyTorch 2.1: a weight and no bias."""

    def __init__(self, normalized_shape, eps=1e-5):
        super().__init__()
        self.normalized_shape = tuple(normalized_shape)
        self.eps = eps
        self.weight = torch.nn.Parameter(torch.ones(self.normalized_shape))

    def forward(self, x):
        return F.layer_norm(x, self.normalized_shape, self.weight, None, self.eps)

    def extra_repr(self):
        return "{normalized_shape}, eps={eps}, elementwise_affine=True, bias=False".format(**self.__dict__)


def randomize(module, dtype):
    """Weights near 1 and biases near 0, random, so that a swapped or ignored parameter shows."""
    module.to(dtype)
    with torch.no_grad():
        for name, p in module.named_parameters():
            p.copy_(torch.rand_like(p) + 0.5 if name == "weight" else torch.randn_like(p) * 0.5)
    return module


def cases():
    f64 = torch.float64
    yield "layer_norm", randomize(torch.nn.LayerNorm(4), f64), torch.randn(2, 3, 4, dtype=f64)
    yield "layer_norm_2d", randomize(torch.nn.LayerNorm((3, 4), eps=1e-3), f64), torch.randn(2, 3, 4, dtype=f64)
    yield "layer_norm_plain", torch.nn.LayerNorm(5, elementwise_affine=False), torch.randn(3, 5, dtype=f64)
    yield "layer_norm_no_bias", randomize(LayerNormNoBias((4,)), f64), torch.randn(2, 4, dtype=f64)
    yield "group_norm", randomize(torch.nn.GroupNorm(3, 6), f64), torch.randn(2, 6, 2, 3, dtype=f64)
    yield "group_norm_plain", torch.nn.GroupNorm(2, 4, eps=1e-3, affine=False), torch.randn(3, 4, 5, dtype=f64)
    yield "group_norm_instance", randomize(torch.nn.GroupNorm(4, 4), f64), torch.randn(2, 4, 3, dtype=f64)
    yield "group_norm_matrix", randomize(torch.nn.GroupNorm(2, 6), f64), torch.randn(3, 6, dtype=f64)
    yield "rms_norm", randomize(RMSNorm((4,)), f64), torch.randn(2, 3, 4, dtype=f64)
    # values of 1e-8: their mean square, about 1e-16, is comparable to finfo(float64).eps, 2.2e-16
    yield "rms_norm_tiny", randomize(RMSNorm((2, 3)), f64), torch.randn(2, 2, 3, dtype=f64) * 1e-8
    yield "rms_norm_plain", RMSNorm((5,), eps=1e-6, elementwise_affine=False), torch.randn(3, 5, dtype=f64)
    # values of 1e-4: their mean square, about 1e-8, is comparable to finfo(float32).eps, 1.2e-7
    yield "rms_norm_tiny_f32", randomize(RMSNorm((3,)), torch.float32), torch.randn(4, 3) * 1e-4


def save_safetensors(path, tensors, metadata):
    names = {torch.float32: "F32", torch.float64: "F64"}
    header = {"__metadata__": metadata}
    data = bytearray()
    for name, t in tensors.items():
        values = t.detach().contiguous().numpy()
        raw = values.astype(values.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + bytes(data))


def main():
    torch.manual_seed(0)
    tensors = {}
    metadata = {"torch": torch.__version__, "script": "examples/python/norm_reference.py"}
    for case, module, x in cases():
        metadata[case + ".module"] = repr(module)
        tensors[case + ".x"] = x
        for key, value in module.state_dict().items():
            tensors[case + "." + key] = value
        with torch.no_grad():
            tensors[case + ".y"] = module(x)
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    save_safetensors(out, tensors, metadata)
    print("wrote", len(tensors), "tensors to", out)
    for key, value in metadata.items():
        print(" ", key, "=", value)


if __name__ == "__main__":
    main()
