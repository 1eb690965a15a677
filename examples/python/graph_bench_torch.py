"""The micrograd-style scalar graph of GraphBench, in PyTorch, for a same-machine comparison.

y = y + a_i * b_j over 100 leaves, 100,000 ops (50,000 multiply-add pairs), forward and backward, best of 15.
Run: /usr/bin/python3 examples/python/graph_bench_torch.py   (Debian: apt-get install python3-torch)
"""
import random
import time

import torch

LEAVES = 100
OPS = 100_000


def run_once(seed):
    rng = random.Random(seed)
    leaves = [torch.tensor(rng.random() - 0.5, dtype=torch.float64, requires_grad=True) for _ in range(LEAVES)]
    start = time.perf_counter()
    y = torch.tensor(0.0, dtype=torch.float64)
    for i in range(OPS // 2):
        y = y + leaves[i % LEAVES] * leaves[(i * 7 + 3) % LEAVES]
    y.backward()
    elapsed = time.perf_counter() - start
    assert torch.isfinite(leaves[0].grad)
    return elapsed


def main():
    torch.set_num_threads(1)
    best = min(run_once(seed) for seed in range(15))
    print(f"PyTorch {torch.__version__}: scalar graph, {OPS:,} ops over {LEAVES} leaves, "
          f"forward + backward, best of 15: {best * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
