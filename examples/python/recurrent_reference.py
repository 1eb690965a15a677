"""PyTorch reference for the recurrent layers of dev.chainrule.nn.layers.recurrent (RecurrentPyTorchTest).

Builds seeded float64 torch modules, runs each once on a seeded input and initial state, and writes everything
into one safetensors file (written here by hand: the format is an 8-byte little-endian header length, a JSON
header padded with spaces to a multiple of 8, then the raw little-endian data), keys prefixed by the case:
  <case>.<parameter>   the module's state dict, PyTorch's names (weight_ih_l0, bias_hh_l1_reverse, ...)
  <case>.input         the input, (T, N, F) or, for batch_first, (N, T, F); (N, F) for a cell
  <case>.h0, .c0       the initial state
  <case>.output        the output sequence (for a cell: the next h)
  <case>.h_n, .c_n     the final state (for LSTMCell: the next h and c as .output and .c_n)
Cases: rnn (tanh, 2 layers, bidirectional), lstm (2 layers, bidirectional, batch_first), gru (2 layers,
bidirectional), rnn_relu (relu, 1 layer, no bias), and the cells rnn_cell (relu), lstm_cell, gru_cell.

Run: /usr/bin/python3 examples/python/recurrent_reference.py [output file]
(default nn/src/test/resources/dev/chainrule/nn/layers/recurrent/recurrent_reference.safetensors; torch 1.13)
"""
import json
import struct
import sys

import torch

F, H, T, N = 3, 4, 5, 2
DEFAULT_OUT = "nn/src/test/resources/dev/chainrule/nn/layers/recurrent/recurrent_reference.safetensors"


def save_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().to(torch.float64).contiguous().numpy().tobytes()
        header[name] = {"dtype": "F64", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def sequence_case(out, name, module, lstm=False):
    module = module.double()
    states = module.num_layers * (2 if module.bidirectional else 1)
    x = torch.randn((N, T, F) if module.batch_first else (T, N, F), dtype=torch.float64)
    h0 = torch.randn(states, N, H, dtype=torch.float64)
    c0 = torch.randn(states, N, H, dtype=torch.float64)
    with torch.no_grad():
        if lstm:
            y, (hn, cn) = module(x, (h0, c0))
        else:
            y, hn = module(x, h0)
    for k, v in module.state_dict().items():
        out[name + "." + k] = v
    out[name + ".input"] = x
    out[name + ".h0"] = h0
    out[name + ".output"] = y
    out[name + ".h_n"] = hn
    if lstm:
        out[name + ".c0"] = c0
        out[name + ".c_n"] = cn


def cell_case(out, name, cell, lstm=False):
    cell = cell.double()
    x = torch.randn(N, F, dtype=torch.float64)
    h0 = torch.randn(N, H, dtype=torch.float64)
    c0 = torch.randn(N, H, dtype=torch.float64)
    with torch.no_grad():
        if lstm:
            h, c = cell(x, (h0, c0))
        else:
            h = cell(x, h0)
    for k, v in cell.state_dict().items():
        out[name + "." + k] = v
    out[name + ".input"] = x
    out[name + ".h0"] = h0
    out[name + ".output"] = h
    if lstm:
        out[name + ".c0"] = c0
        out[name + ".c_n"] = c


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    torch.manual_seed(20261206)
    out = {}
    sequence_case(out, "rnn", torch.nn.RNN(F, H, num_layers=2, bidirectional=True))
    sequence_case(out, "lstm", torch.nn.LSTM(F, H, num_layers=2, bidirectional=True, batch_first=True), lstm=True)
    sequence_case(out, "gru", torch.nn.GRU(F, H, num_layers=2, bidirectional=True))
    sequence_case(out, "rnn_relu", torch.nn.RNN(F, H, nonlinearity="relu", bias=False))
    cell_case(out, "rnn_cell", torch.nn.RNNCell(F, H, nonlinearity="relu"))
    cell_case(out, "lstm_cell", torch.nn.LSTMCell(F, H), lstm=True)
    cell_case(out, "gru_cell", torch.nn.GRUCell(F, H))
    save_safetensors(path, out)
    print("wrote", len(out), "tensors to", path)


if __name__ == "__main__":
    main()
