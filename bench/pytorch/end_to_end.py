"""bench/Suite's end-to-end group in PyTorch (and SciPy's L-BFGS-B): the same models, weights, data and work."""
import math

import numpy as np
import scipy.optimize
import torch
import torch.nn as nn
import torch.nn.functional as F

from cases import Case
from harness import floats, labels, pixels


def _suite_weights(model):
    """Parameter k (declaration order) from stream 10 + k: weights uniform in ±1/sqrt(fan-in), biases in ±0.05."""
    with torch.no_grad():
        for k, p in enumerate(model.parameters()):
            fan_in = math.prod(p.shape[1:]) if p.dim() >= 2 else 1
            scale = 2 / math.sqrt(fan_in) if p.dim() >= 2 else 0.1
            p.copy_(torch.from_numpy(floats(p.numel(), 10 + k, scale).reshape(p.shape)))
    return model


def mlp():
    return _suite_weights(nn.Sequential(nn.Flatten(), nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 100), nn.ReLU(), nn.Linear(100, 10)))


def conv_net():
    return _suite_weights(nn.Sequential(
        nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1024, 10)))


def images(count, stream):
    return torch.from_numpy(pixels(count * 784, stream).reshape(count, 1, 28, 28))


def _steps(model_fn, count, image_stream):
    def prepare():
        model, x, y = model_fn(), images(count, image_stream), torch.from_numpy(labels(count, 2, 10))
        sgd = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
        box = {}

        def run():
            for start in range(0, count, 128):
                loss = F.cross_entropy(model(x[start:start + 128]), y[start:start + 128])
                sgd.zero_grad()
                loss.backward()
                sgd.step()
                box.setdefault("loss", loss.item())
        return run, (lambda: [box["loss"]]), None
    return prepare


def _fgsm():
    model = mlp().eval()
    for p in model.parameters():
        p.requires_grad_(False)
    x_all, y_all = images(10_000, 4), torch.from_numpy(labels(10_000, 5, 10))
    box = {}

    def run():
        adversarial, misclassified = [], 0
        for start in range(0, 10_000, 1000):
            x = x_all[start:start + 1000].clone().requires_grad_(True)
            y = y_all[start:start + 1000]
            grad, = torch.autograd.grad(F.cross_entropy(model(x), y), [x])
            x_adv = (x.detach() + 0.25 * grad.sign()).clamp_(0, 1)
            with torch.no_grad():
                misclassified += int((model(x_adv).argmax(1) != y).sum())
            adversarial.append(x_adv)
        box["adversarial"], box["misclassified"] = torch.cat(adversarial), misclassified
    return run, (lambda: box["adversarial"].numpy()), (lambda: f"{box['misclassified']} of 10,000 misclassified at ε = 0.25")


def _szegedy(count):
    """c·‖r‖² + CE(f(x + r), runner-up) at c = 0.1, summed over the images, minimised over x + r in [0, 1] by SciPy's
    L-BFGS-B (m = 10, at most 100 iterations) with PyTorch gradients: one joint problem for the batch."""
    def prepare():
        model = mlp().eval()
        for p in model.parameters():
            p.requires_grad_(False)
        x = images(count, 6).double()
        with torch.no_grad():
            target = model(x.float()).topk(2, dim=1).indices[:, 1]
        x0 = x.reshape(-1).numpy().copy()
        box = {}

        def objective(z):
            zt = torch.from_numpy(z).float().reshape(count, 1, 28, 28).requires_grad_(True)
            r = zt - x.float()
            f = 0.1 * (r * r).sum() + F.cross_entropy(model(zt), target, reduction="sum")
            g, = torch.autograd.grad(f, [zt])
            return float(f), g.reshape(-1).double().numpy()

        def run():
            box["result"] = scipy.optimize.minimize(objective, x0, jac=True, method="L-BFGS-B",
                                                    bounds=scipy.optimize.Bounds(0.0, 1.0), options={"maxiter": 100, "maxcor": 10})

        def note():
            res = box["result"]
            z = torch.from_numpy(res.x).float().reshape(count, 1, 28, 28)
            with torch.no_grad():
                reached = int((model(z).argmax(1) == target).sum())
            l2 = float((z.double() - x).reshape(count, -1).norm(dim=1).mean())
            return f"{reached}/{count} reached the runner-up class, mean ‖r‖₂ {l2:.3f}, {res.nfev} gradients"
        return run, None, note
    return prepare


def _lbfgsb():
    """12 iterations of SciPy's L-BFGS-B (m = 10) from 0 on bench/Suite's quadratic at n = 10⁶ in [−1, 1]."""
    n = 1_000_000
    i = np.arange(n, dtype=np.float64)
    a = 1 + 1e4 * np.fmod(i * 0.6180339887, 1.0)
    c = 2 * np.sin(i)
    box = {}

    def objective(x):
        r = x - c
        g = a * r
        return 0.5 * float(np.dot(g, r)), g

    def run():
        box["result"] = scipy.optimize.minimize(objective, np.zeros(n), jac=True, method="L-BFGS-B",
                                                bounds=scipy.optimize.Bounds(-1.0, 1.0),
                                                options={"maxiter": 12, "maxcor": 10, "ftol": 0, "gtol": 0})
    return run, None, lambda: f"f = {box['result'].fun:.6g} after {box['result'].nit} iterations, {box['result'].nfev} evaluations"


def end_to_end_cases(mode, threads):
    def case(name, engine, prepare):
        return Case("end-to-end", "end-to-end", name, 0, engine, threads, 0, 0, prepare)
    return [
        case("MLP step (batch 128)", "pytorch", _steps(mlp, 128, 1)),
        case("MLP epoch (60,000 images)", "pytorch", _steps(mlp, 60_000, 3)),
        case("conv-net step (batch 128)", "pytorch", _steps(conv_net, 128, 1)),
        case("FGSM, 10,000 images (batches of 1,000)", "pytorch", _fgsm),
        case("Szegedy L-BFGS, 1 image", "scipy+pytorch", _szegedy(1)),
        case("Szegedy L-BFGS, 100 images in lockstep", "scipy+pytorch", _szegedy(100)),
        case("L-BFGS-B, 12 iterations at n = 10⁶", "scipy", _lbfgsb),
    ]
