"""TrainBench in PyTorch, for a same-machine comparison: one epoch of the Fashion-MNIST MLP 784-256-128-10
(ReLU, cross-entropy from logits, batch 128, shuffled, data in memory) after a warm-up epoch, with Adam (lr 1e-3)
and SGD momentum 0.9 (lr 0.01).

Thread settings, each in its own process (the interop pool can be sized only before any parallel work, and
OpenBLAS reads OPENBLAS_NUM_THREADS when it loads), named intra-op threads [+ interop threads] [+ BLAS threads]:
  1                  torch.set_num_threads(1), OPENBLAS_NUM_THREADS=1: one core
  2+interop1         torch.set_num_threads(2); torch.set_num_interop_threads(1), OpenBLAS at its default (2)
  2+interop1+blas1   as above with OPENBLAS_NUM_THREADS=1: matrix products on one thread, other ops on two
  1+blas2            torch.set_num_threads(1), OpenBLAS at 2 threads: only the matrix products on two
  2                  torch.set_num_threads(2) and every pool at its default, which fight over 2 cores
Debian's python3-torch calls the system BLAS (libblas.so.3): by default the reference BLAS, about 20 times
slower here than OpenBLAS; with libopenblas0-pthread installed (or its libblas.so.3 on LD_LIBRARY_PATH) it is
OpenBLAS, whose thread count only OPENBLAS_NUM_THREADS sets.

Run: /usr/bin/python3 examples/python/train_bench_torch.py [--epochs N]   (Debian: apt-get install python3-torch)
Reads the IDX .gz files from /usr/share/datasets/fashion-mnist, as Datasets.fashionMnist(true) does.
"""
import argparse
import gzip
import os
import subprocess
import sys
import time

import numpy as np

DATA = "/usr/share/datasets/fashion-mnist"
BATCH = 128
# name: (intra-op threads, interop threads or None for the default, OPENBLAS_NUM_THREADS or None)
CONFIGS = {"1": (1, None, 1), "2+interop1": (2, 1, None), "2+interop1+blas1": (2, 1, 1), "1+blas2": (1, None, 2),
           "2": (2, None, None)}


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def best_of(epoch, epochs):
    """Runs epoch() once to warm up, then epochs times; returns the best time in seconds and the last loss."""
    epoch()
    best = float("inf")
    loss = float("nan")
    for _ in range(epochs):
        t0 = time.perf_counter()
        loss = epoch()
        best = min(best, time.perf_counter() - t0)
    return best, loss


def run_in_processes(script, names, arguments):
    """Runs script --config NAME for each thread setting, each in its own process with its OPENBLAS_NUM_THREADS."""
    for name in names:
        env = dict(os.environ)
        blas = CONFIGS[name][2]
        if blas is not None:
            env["OPENBLAS_NUM_THREADS"] = str(blas)
        else:
            env.pop("OPENBLAS_NUM_THREADS", None)
        subprocess.run([sys.executable, script, "--config", name] + arguments, check=True, env=env)


def run_config(name, epochs):
    import torch
    threads, interop, _ = CONFIGS[name]
    torch.set_num_threads(threads)
    if interop is not None:
        torch.set_num_interop_threads(interop)
    x = torch.from_numpy(read_idx(os.path.join(DATA, "train-images-idx3-ubyte.gz")).reshape(-1, 784)
                         .astype(np.float32) / 255.0)
    y = torch.from_numpy(read_idx(os.path.join(DATA, "train-labels-idx1-ubyte.gz")).astype(np.int64))
    n = x.shape[0]
    for opt_name in ("Adam", "SGD momentum"):
        torch.manual_seed(42)
        model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                                    torch.nn.ReLU(), torch.nn.Linear(128, 10))
        if opt_name == "Adam":
            opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        else:
            opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
        criterion = torch.nn.CrossEntropyLoss()
        gen = torch.Generator().manual_seed(42)

        def epoch():
            perm = torch.randperm(n, generator=gen)
            total = 0.0
            batches = 0
            for start in range(0, n, BATCH):
                idx = perm[start:start + BATCH]
                xb, yb = x[idx], y[idx]
                opt.zero_grad()
                loss = criterion(model(xb), yb)
                loss.backward()
                opt.step()
                total += loss.item()
                batches += 1
            return total / batches

        best, loss = best_of(epoch, epochs)
        print(f"{opt_name:<14} {name:>16} {best:10.3f} {n / best:12.0f} {loss:10.4f}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=1, help="timed epochs per setting; the best is shown")
    parser.add_argument("--config", choices=CONFIGS, help="run one thread setting in this process")
    parser.add_argument("--configs", default=",".join(CONFIGS), help="thread settings to run, comma-separated")
    args = parser.parse_args()
    if args.config:
        run_config(args.config, args.epochs)
        return
    import torch
    print(f"PyTorch {torch.__version__}, load average at start {os.getloadavg()[0]:.2f}")
    print(f"Fashion-MNIST MLP 784-256-128-10 ReLU, batch {BATCH}; warm-up epoch, then best of {args.epochs}"
          " timed epoch(s)")
    print(f"{'optimizer':<14} {'threads':>16} {'s/epoch':>10} {'samples/s':>12} {'loss':>10}", flush=True)
    run_in_processes(__file__, args.configs.split(","), ["--epochs", str(args.epochs)])
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
