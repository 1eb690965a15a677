"""PyTorch reference for dev.chainrule.nn.layers.Embedding (EmbeddingPyTorchTest).

Each case builds a float64 torch.nn.Embedding, runs a forward on an int64 index tensor with repeated indices
(and the padding index, where there is one), then a backward of the weighted sum (output * upstream).sum(), and
writes into one safetensors file, keys prefixed by the case:
  <case>.weight     the weight before the step: the state dict (PyTorch's key) or the pretrained matrix
  <case>.indices    the int64 indices
  <case>.upstream   the weights of the sum, i.e. dL/doutput
  <case>.output     PyTorch's output
  <case>.grad       PyTorch's weight.grad (absent for a frozen table, which has none)
and in the metadata each case's module as PyTorch prints it (<case>.module), whether its weight requires a
gradient (<case>.requires_grad) and the torch version.
Cases:
  padded             Embedding(5, 3, padding_idx=1), its weights then set to random values, the padding row
                     included (as after loading a state dict), so the output shows that row and its gradient is 0
  pretrained_frozen  Embedding.from_pretrained(w, freeze=True): no gradient
  pretrained_padded  Embedding.from_pretrained(w, freeze=False, padding_idx=2), rank-3 indices
The safetensors package is not needed: the format (an 8-byte little-endian header length, a JSON header padded
with spaces to a multiple of 8, the raw little-endian data) is written here directly.

Run from the repository root: /usr/bin/python3 examples/python/embedding_reference.py [output file]
(default nn/src/test/resources/dev/chainrule/nn/layers/embedding_reference.safetensors; torch 1.13)
"""
import json
import struct
import sys

import torch

OUT = "nn/src/test/resources/dev/chainrule/nn/layers/embedding_reference.safetensors"
F64 = torch.float64


def save_safetensors(path, tensors, metadata):
    names = {torch.float64: "F64", torch.int64: "I64"}
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


def cases():
    padded = torch.nn.Embedding(5, 3, padding_idx=1).to(F64)
    with torch.no_grad():
        padded.weight.copy_(torch.randn(5, 3, dtype=F64))
    yield "padded", padded, torch.tensor([[0, 1, 3, 3], [1, 4, 0, 3]])
    frozen = torch.nn.Embedding.from_pretrained(torch.randn(4, 2, dtype=F64), freeze=True)
    yield "pretrained_frozen", frozen, torch.tensor([2, 0, 2, 3])
    trainable = torch.nn.Embedding.from_pretrained(torch.randn(4, 2, dtype=F64), freeze=False, padding_idx=2)
    yield "pretrained_padded", trainable, torch.tensor([[[2, 1], [1, 0]], [[3, 2], [1, 1]]])


def main():
    torch.manual_seed(0)
    tensors = {}
    metadata = {"torch": torch.__version__, "script": "examples/python/embedding_reference.py"}
    for case, module, indices in cases():
        assert indices.dtype == torch.int64
        metadata[case + ".module"] = repr(module)
        metadata[case + ".requires_grad"] = str(module.weight.requires_grad).lower()
        tensors[case + ".weight"] = module.weight.detach().clone()
        tensors[case + ".indices"] = indices
        output = module(indices)
        upstream = torch.randn(output.shape, dtype=F64)
        tensors[case + ".upstream"] = upstream
        tensors[case + ".output"] = output
        if module.weight.requires_grad:
            (output * upstream).sum().backward()
            tensors[case + ".grad"] = module.weight.grad
        else:
            assert not output.requires_grad
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    save_safetensors(out, tensors, metadata)
    print("wrote", len(tensors), "tensors to", out)
    for key, value in metadata.items():
        print(" ", key, "=", value)


if __name__ == "__main__":
    main()
