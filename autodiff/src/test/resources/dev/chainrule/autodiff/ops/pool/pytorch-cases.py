# Generates pytorch-cases.txt, read by PyTorchRandomCasesTest: random pooling and padding cases run through
# PyTorch 1.13 in float64. Run once with: python3 pytorch-cases.py > pytorch-cases.txt
#
# One case per line, fields split by '|': kind (max, avg, adaptive, adaptivemax, pad), input shape, arguments, input values
# (integers in [-3, 3], so max pooling meets many ties), then the output shape, the output and the gradient of
# sum(y * w) with w = 1, 2, 3, ..., or REFUSED when PyTorch raises. Left out: a dilated max window wholly in the
# padding (PyTorch returns an index outside the window there), and a pad that leaves an axis of size 0 (PyTorch
# accepts or refuses it depending on the other pads).
import random
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
random.seed(9)


def floats(t):
    return " ".join(repr(float(v)) for v in t.reshape(-1).tolist())


def draw(kind):
    n, c, h, w = random.randint(1, 2), random.randint(1, 2), random.randint(1, 7), random.randint(1, 7)
    x = torch.tensor([float(random.randint(-3, 3)) for _ in range(n * c * h * w)]).reshape(n, c, h, w)
    if kind in ("max", "avg"):
        kh, kw = random.randint(1, 3), random.randint(1, 3)
        sh, sw = random.randint(1, 3), random.randint(1, 3)
        ph, pw = random.randint(0, kh // 2), random.randint(0, kw // 2)
        dh, dw = (random.randint(1, 2), random.randint(1, 2)) if kind == "max" else (1, 1)
        ceil, include = random.random() < 0.5, random.random() < 0.5
        args = [kh, kw, sh, sw, ph, pw, dh, dw, int(ceil), int(include)]
        if kind == "max":
            f = lambda t: F.max_pool2d(t, (kh, kw), (sh, sw), (ph, pw), (dh, dw), ceil_mode=ceil)
        else:
            f = lambda t: F.avg_pool2d(t, (kh, kw), (sh, sw), (ph, pw), ceil_mode=ceil, count_include_pad=include)
    elif kind in ("adaptive", "adaptivemax"):
        oh, ow = random.randint(1, 8), random.randint(1, 8)
        args = [oh, ow]
        pool = F.adaptive_avg_pool2d if kind == "adaptive" else F.adaptive_max_pool2d
        f = lambda t: pool(t, (oh, ow))
    else:
        mode = random.choice(["constant", "reflect", "replicate"])
        # PyTorch 1.13 pads 4-D input by reflection or replication over two axes only.
        pads = [random.randint(-1 if mode == "constant" else 0, 3) for _ in range(4 if mode != "constant"
                                                                                else random.choice([2, 4]))]
        args = [mode] + pads
        sizes = [(w, h)[i] + pads[2 * i] + pads[2 * i + 1] for i in range(len(pads) // 2)]
        if min(sizes) <= 0:
            return x, args, "skip"
        if mode == "reflect" and any(p >= (w, h)[i // 2] for i, p in enumerate(pads)):
            return x, args, None  # refused (PyTorch 1.13 can corrupt its heap on some of these, so not asked)
        f = (lambda t: F.pad(t, tuple(pads), value=0.5)) if mode == "constant" else (
            lambda t: F.pad(t, tuple(pads), mode=mode))
    return x, args, f


def case(kind):
    x, args, f = draw(kind)
    head = f"{kind}|{' '.join(map(str, x.shape))}|{' '.join(map(str, args))}|" \
           f"{' '.join(str(int(v)) for v in x.reshape(-1).tolist())}"
    if f == "skip":
        return None
    if f is None:
        return head + "|REFUSED"
    xg = x.clone().requires_grad_()
    try:
        y = f(xg)
    except RuntimeError:
        return head + "|REFUSED"
    if y.numel() == 0 or (kind == "max" and torch.isinf(y).any()):
        return None
    (y * torch.arange(1.0, y.numel() + 1).reshape(y.shape)).sum().backward()
    return f"{head}|{' '.join(map(str, y.shape))}|{floats(y.detach())}|{floats(xg.grad)}"


for kind in ("max", "avg", "adaptive", "adaptivemax", "pad"):
    made = 0
    while made < 60:
        line = case(kind)
        if line is not None:
            print(line)
            made += 1
