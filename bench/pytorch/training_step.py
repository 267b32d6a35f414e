"""PyTorch on the same work as bench/Scratch.Bench/Training/MlpEpochBenchmark.cs, for the README's comparison.

One epoch of a 784-100-100-10 ReLU MLP over 60,000 noise images in batches of 128 with SGD (momentum 0.9),
one batch-128 forward + backward + SGD step of the zoo's conv net
Conv(1->32, 5x5) -> ReLU -> MaxPool 2 -> Conv(32->64, 5x5) -> ReLU -> MaxPool 2 -> Linear(1024->10),
and one batch-100 step of the zoo's maxout net by its recipe (bench/Scratch.Bench/Training/MaxoutStepBenchmark.cs):
Dropout 0.2 -> Maxout(784 -> 240 x 5) -> Dropout 0.5 -> Maxout(240 -> 240 x 5) -> Dropout 0.5 -> Linear(240->10),
SGD (lr 0.1, momentum 0.5), then every weight's rows renormed to at most 1.9365.
Install: apt-get install python3-torch libopenblas0-pthread (Debian's build with OpenBLAS as the system BLAS;
no other download works here).
Run:     /usr/bin/python3 bench/pytorch/training_step.py [threads]   (default: every core)
Prints the best of several repetitions, as BenchmarkDotNet's minimum.
"""
import os
import sys
import time

# OpenBLAS (Debian's torch links the system BLAS) runs its own threads: give it the same count as torch.
threads = int(sys.argv[1]) if len(sys.argv) > 1 else os.cpu_count()
os.environ.setdefault("OPENBLAS_NUM_THREADS", str(threads))

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(threads)
torch.manual_seed(0)
examples, batch = 60_000, 128
images = torch.rand(examples, 1, 28, 28)
labels = torch.randint(0, 10, (examples,))

mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 100), nn.ReLU(), nn.Linear(100, 10))
mlp_sgd = torch.optim.SGD(mlp.parameters(), lr=0.01, momentum=0.9)


def mlp_epoch():
    order = torch.randperm(examples)
    for start in range(0, examples, batch):
        index = order[start:start + batch]
        x, y = images[index], labels[index]
        loss = F.cross_entropy(mlp(x), y)
        mlp_sgd.zero_grad()
        loss.backward()
        mlp_sgd.step()


conv = nn.Sequential(
    nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(1024, 10))
conv_sgd = torch.optim.SGD(conv.parameters(), lr=0.01, momentum=0.9)
cx, cy = images[:batch], labels[:batch]


def conv_step():
    loss = F.cross_entropy(conv(cx), cy)
    conv_sgd.zero_grad()
    loss.backward()
    conv_sgd.step()


class Maxout(nn.Module):
    def __init__(self, inputs, units, pieces):
        super().__init__()
        self.linear, self.units, self.pieces = nn.Linear(inputs, units * pieces), units, pieces

    def forward(self, x):
        return self.linear(x).view(x.shape[0], self.units, self.pieces).max(dim=2).values


maxout = nn.Sequential(
    nn.Flatten(), nn.Dropout(0.2), Maxout(784, 240, 5), nn.Dropout(0.5), Maxout(240, 240, 5), nn.Dropout(0.5),
    nn.Linear(240, 10))
maxout_sgd = torch.optim.SGD(maxout.parameters(), lr=0.1, momentum=0.5)
mx, my = images[:100], labels[:100]


def maxout_step():
    loss = F.cross_entropy(maxout(mx), my)
    maxout_sgd.zero_grad()
    loss.backward()
    maxout_sgd.step()
    with torch.no_grad():
        for p in maxout.parameters():
            if p.dim() >= 2:
                p.copy_(torch.renorm(p, 2, 0, 1.9365))


def best(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


print(f"torch {torch.__version__}, {threads} threads, MKL-DNN: {torch.backends.mkldnn.is_available()}")
print(f"MLP epoch (784-100-100-10, batch 128): {best(mlp_epoch, 5):.3f} s")
print(f"conv step (batch 128): {best(conv_step, 30) * 1e3:.1f} ms")
print(f"maxout step (batch 100): {best(maxout_step, 50) * 1e3:.2f} ms")
