"""The CNN training benchmark in PyTorch, for a same-machine comparison with `./chainrule bench train --model cnn`:
one epoch of the standard small Fashion-MNIST CNN after a warm-up epoch, Adam (lr 1e-3), batch 64, shuffled,
the 60,000 training images in memory as (N, 1, 28, 28) floats in [0, 1]:

  conv(1->16, 3x3, pad 1) - ReLU - maxpool 2 - conv(16->32, 3x3, pad 1) - ReLU - maxpool 2 - flatten
  - linear(1568 -> 128) - ReLU - linear(128 -> 10), cross-entropy from logits.

In PyTorch 1.13 the convolutions and pooling run in oneDNN (mkldnn) and the linear layers in the system BLAS;
the thread settings are those of train_bench_torch.py (see its docstring: each in its own process, and
OPENBLAS_NUM_THREADS set per setting, since OpenBLAS keeps its own pool), named intra-op threads
[+ interop threads] [+ BLAS threads].

Run: /usr/bin/python3 examples/python/train_bench_cnn_torch.py [--epochs N] [--configs 1,2+interop1]
Reads the IDX .gz files from /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist).
"""
import argparse
import os

import numpy as np

from train_bench_torch import CONFIGS, DATA, best_of, read_idx, run_in_processes

BATCH = 64


def model_and_optimizer(torch):
    torch.manual_seed(42)
    nn = torch.nn
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1568, 128), nn.ReLU(), nn.Linear(128, 10))
    return model, torch.optim.Adam(model.parameters(), lr=1e-3)


def run_config(name, epochs, batches):
    import torch
    threads, interop, _ = CONFIGS[name]
    torch.set_num_threads(threads)
    if interop is not None:
        torch.set_num_interop_threads(interop)
    x = torch.from_numpy(read_idx(os.path.join(DATA, "train-images-idx3-ubyte.gz")).reshape(-1, 1, 28, 28)
                         .astype(np.float32) / 255.0)
    y = torch.from_numpy(read_idx(os.path.join(DATA, "train-labels-idx1-ubyte.gz")).astype(np.int64))
    n = x.shape[0] if batches is None else min(x.shape[0], batches * BATCH)
    model, opt = model_and_optimizer(torch)
    criterion = torch.nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(42)

    def epoch():
        perm = torch.randperm(x.shape[0], generator=gen)[:n]
        total = 0.0
        count = 0
        for start in range(0, n, BATCH):
            idx = perm[start:start + BATCH]
            opt.zero_grad()
            loss = criterion(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item()
            count += 1
        return total / count

    best, loss = best_of(epoch, epochs)
    print(f"{'Adam':<10} {name:>16} {best:10.3f} {n / best:12.0f} {loss:10.4f}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=1, help="timed epochs per setting; the best is shown")
    parser.add_argument("--batches", type=int, help="only this many batches per epoch (a quick check)")
    parser.add_argument("--config", choices=CONFIGS, help="run one thread setting in this process")
    parser.add_argument("--configs", default="1,2+interop1,2+interop1+blas1,1+blas2",
                        help="thread settings to run, comma-separated")
    args = parser.parse_args()
    if args.config:
        run_config(args.config, args.epochs, args.batches)
        return
    import torch
    print(f"PyTorch {torch.__version__}, mkldnn {torch.backends.mkldnn.is_available()},"
          f" load average at start {os.getloadavg()[0]:.2f}")
    print(f"Fashion-MNIST CNN conv16-pool-conv32-pool-128-10, batch {BATCH}, Adam 1e-3; warm-up epoch, then best"
          f" of {args.epochs} timed epoch(s)")
    print(f"{'optimizer':<10} {'threads':>16} {'s/epoch':>10} {'samples/s':>12} {'loss':>10}", flush=True)
    arguments = ["--epochs", str(args.epochs)] + (["--batches", str(args.batches)] if args.batches else [])
    run_in_processes(__file__, args.configs.split(","), arguments)
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
