"""Writes the PyTorch-made checkpoint fixture of tests/Scratch.Nn.Tests/Checkpoints/PyTorchCheckpointTests.cs.

A model with the zoo's `conv` architecture is built and trained for a few SGD steps in PyTorch, its
state_dict is written in the safetensors format with metadata {"model": "conv"} (conv.safetensors), and a
batch of inputs with the logits PyTorch computes for them goes beside it (conv-io.safetensors). The test
loads the checkpoint with ModelZoo.Load and checks that our forward pass gives PyTorch's logits.

The `safetensors` Python package is not packaged for Debian, so the file is written here by hand, following
the format's specification as its reference writer does: an 8-byte little-endian header length, a JSON
header (tensors sorted by name, "__metadata__" first, padded with spaces to a multiple of 8 bytes), then the
raw little-endian bytes of each tensor in header order.

Install: apt-get install python3-torch.  Run: python3 scripts/pytorch-checkpoint-fixture.py
"""
import json
import pathlib
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "Scratch.Nn.Tests" / "Fixtures"


def save_safetensors(path, tensors, metadata):
    header = {"__metadata__": metadata} if metadata else {}
    offset = 0
    blobs = []
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous().to(torch.float32)
        data = t.numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))


torch.manual_seed(2015)
model = nn.Sequential(
    nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(64 * 4 * 4, 10))
sgd = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
images, labels = torch.rand(64, 1, 28, 28), torch.randint(0, 10, (64,))
for _ in range(10):
    sgd.zero_grad()
    F.cross_entropy(model(images), labels).backward()
    sgd.step()

inputs = torch.rand(5, 1, 28, 28)
with torch.no_grad():
    logits = model(inputs)
OUT.mkdir(parents=True, exist_ok=True)
save_safetensors(OUT / "conv.safetensors", model.state_dict(), {"model": "conv", "written_by": f"torch {torch.__version__}"})
save_safetensors(OUT / "conv-io.safetensors", {"inputs": inputs, "logits": logits}, None)
print(f"wrote {OUT / 'conv.safetensors'} and conv-io.safetensors; logits[0] = {logits[0].tolist()}")
