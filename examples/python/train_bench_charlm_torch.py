"""The character language-model training benchmark in PyTorch, for a same-machine comparison with
`./chainrule bench train --model charlm`: time per training step of

  Embedding(65, 64) - LSTM(64, 256, batch_first) - Linear(256, 65), cross-entropy over every position,

on random windows of 64 characters of tinyshakespeare, batch 32, Adam (lr 2e-3), gradient clipping by global
norm 1.0 each step. After 20 warm-up steps, the median of `--steps` timed steps is reported with the last loss.

The thread settings are those of train_bench_torch.py (each in its own process, OPENBLAS_NUM_THREADS set per
setting), named intra-op threads [+ interop threads] [+ BLAS threads].

Run: /usr/bin/python3 examples/python/train_bench_charlm_torch.py [--steps N] [--configs 1,2+interop1]
Reads ../shared/data/tinyshakespeare.txt.gz (or --text PATH).
"""
import argparse
import gzip
import os
import statistics
import time

import numpy as np

from train_bench_torch import CONFIGS, run_in_processes

BATCH = 32
WINDOW = 64
HERE = os.path.dirname(os.path.abspath(__file__))
TEXT = os.path.join(HERE, "..", "..", "..", "shared", "data", "tinyshakespeare.txt.gz")


def encoded(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        text = f.read()
    vocabulary = sorted(set(text))
    index = {c: i for i, c in enumerate(vocabulary)}
    return np.array([index[c] for c in text], dtype=np.int64), len(vocabulary)


def run_config(name, steps, path):
    import torch
    threads, interop, _ = CONFIGS[name]
    torch.set_num_threads(threads)
    if interop is not None:
        torch.set_num_interop_threads(interop)
    ids, vocab = encoded(path)
    torch.manual_seed(42)
    nn = torch.nn
    embedding = nn.Embedding(vocab, 64)
    lstm = nn.LSTM(64, 256, batch_first=True)
    head = nn.Linear(256, vocab)
    params = list(embedding.parameters()) + list(lstm.parameters()) + list(head.parameters())
    opt = torch.optim.Adam(params, lr=2e-3)
    criterion = nn.CrossEntropyLoss()
    rng = np.random.default_rng(42)
    data = torch.from_numpy(ids)

    def batch():
        starts = rng.integers(0, len(ids) - WINDOW - 1, BATCH)
        x = torch.stack([data[s:s + WINDOW] for s in starts])
        y = torch.stack([data[s + 1:s + WINDOW + 1] for s in starts])
        return x, y

    def step(x, y):
        opt.zero_grad()
        out, _ = lstm(embedding(x))
        loss = criterion(head(out).reshape(-1, vocab), y.reshape(-1))
        loss.backward()
        nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        return loss.item()

    for _ in range(20):
        step(*batch())
    times = []
    loss = 0.0
    for _ in range(steps):
        x, y = batch()
        start = time.perf_counter()
        loss = step(x, y)
        times.append(time.perf_counter() - start)
    print(f"{name:>16} {1000 * statistics.median(times):12.2f} {loss:10.4f}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=100, help="timed steps per setting; the median is shown")
    parser.add_argument("--text", default=TEXT, help="the gzipped text")
    parser.add_argument("--config", choices=CONFIGS, help="run one thread setting in this process")
    parser.add_argument("--configs", default="1,2+interop1,2+interop1+blas1", help="thread settings, comma-separated")
    args = parser.parse_args()
    if args.config:
        run_config(args.config, args.steps, args.text)
        return
    import torch
    print(f"PyTorch {torch.__version__}, load average at start {os.getloadavg()[0]:.2f}")
    print(f"char LM Embedding(65, 64)-LSTM(64, 256)-Linear(256, 65), batch {BATCH} x {WINDOW}, Adam 2e-3, clip 1.0;"
          f" 20 warm-up steps, then the median of {args.steps}")
    print(f"{'threads':>16} {'ms/step':>12} {'loss':>10}", flush=True)
    run_in_processes(__file__, args.configs.split(","), ["--steps", str(args.steps), "--text", args.text])
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
