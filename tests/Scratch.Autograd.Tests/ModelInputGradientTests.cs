using Scratch.Autograd.Tests.Support;
using Scratch.Tests.Support;

namespace Scratch.Autograd.Tests;

/// <summary>∂loss/∂x for whole models, against formulas derived by hand: what an attack (FGSM) needs.</summary>
public class ModelInputGradientTests
{
    private const int Pixels = 784;
    private const int Classes = 10;
    private const int Batch = 3;

    [Fact]
    public void SoftmaxRegression_InputGradient_MatchesHandDerivedFormula()
    {
        // z = x Wᵀ + b, L = (1/N) Σₙ −log softmax(zₙ)[yₙ]
        // ∂L/∂zₙ = (softmax(zₙ) − onehot(yₙ)) / N, so ∂L/∂xₙ = Wᵀ(softmax(W xₙ + b) − onehot(yₙ)) / N,
        // written for row vectors as ∂L/∂x = (softmax(z) − onehot(y)) W / N.
        var x = Seeded.Uniform(90, [Batch, Pixels], 0, 1);
        var w = Seeded.Normal(91, [Classes, Pixels]) * 0.05;
        var b = Seeded.Normal(92, [Classes]);
        var y = Seeded.Labels(93, Batch, Classes);

        var xv = new Variable(x, requiresGrad: true, name: "x");
        var wv = new Variable(w, requiresGrad: true, name: "W");
        var loss = Losses.CrossEntropy(xv.MatMul(wv.MT) + new Variable(b), y);
        var gx = Autodiff.Grad(loss, xv);

        var z = x.MatMul(w.MT) + b;
        var expected = (z.Softmax(1) - Tensor.OneHot(y, Classes, DType.Float64)).MatMul(w) / Batch;
        TensorAssert.Close(expected, gx, rtol: 1e-9, atol: 1e-12);
        Assert.Null(wv.Grad);
    }

    [Fact]
    public void TwoLayerSigmoidMlp_InputGradient_MatchesHandDerivedFormula()
    {
        // a = x W₁ᵀ + b₁, h = σ(a), z = h W₂ᵀ + b₂, L = mean cross-entropy
        // ∂L/∂z = (softmax(z) − onehot(y)) / N
        // ∂L/∂h = ∂L/∂z · W₂
        // ∂L/∂a = ∂L/∂h ⊙ h ⊙ (1 − h)          (σ′ = σ(1 − σ))
        // ∂L/∂x = ∂L/∂a · W₁
        const int hidden = 16;
        var x = Seeded.Uniform(94, [Batch, Pixels], 0, 1);
        var w1 = Seeded.Normal(95, [hidden, Pixels]) * 0.05;
        var b1 = Seeded.Normal(96, [hidden]);
        var w2 = Seeded.Normal(97, [Classes, hidden]);
        var b2 = Seeded.Normal(98, [Classes]);
        var y = Seeded.Labels(99, Batch, Classes);

        var xv = new Variable(x, requiresGrad: true);
        var p = new[] { w1, b1, w2, b2 }.Select(t => new Variable(t, requiresGrad: true)).ToArray();
        var h = (xv.MatMul(p[0].MT) + p[1]).Sigmoid();
        var loss = Losses.CrossEntropy(h.MatMul(p[2].MT) + p[3], y);
        var gx = Autodiff.Grad(loss, xv);

        var hv = (x.MatMul(w1.MT) + b1).Sigmoid();
        var dz = ((hv.MatMul(w2.MT) + b2).Softmax(1) - Tensor.OneHot(y, Classes, DType.Float64)) / Batch;
        var da = dz.MatMul(w2) * hv * (1.0 - hv);
        TensorAssert.Close(da.MatMul(w1), gx, rtol: 1e-9, atol: 1e-12);
    }

    [Fact]
    public void SmallMlp_InputAndParameterGradients_MatchFiniteDifferences()
    {
        var y = Seeded.Labels(100, 2, 3);
        GradCheck.Assert(
            v => Losses.CrossEntropy((v[0].MatMul(v[1].MT) + v[2]).Relu().MatMul(v[3].MT), y),
            [Seeded.Normal(101, [2, 5]), Seeded.Normal(102, [4, 5]), Seeded.Normal(103, [4]), Seeded.Normal(104, [3, 4])]);
    }

    [Fact]
    public void FgsmStep_MovesTheLossUp()
    {
        // Goodfellow et al. 2015, eq. 6: x' = x + ε·sign(∇ₓL). For a small ε the loss increases.
        var x = Seeded.Uniform(105, [Batch, Pixels], 0, 1);
        var w = new Variable(Seeded.Normal(106, [Classes, Pixels]) * 0.05, requiresGrad: true);
        var y = Seeded.Labels(107, Batch, Classes);
        Variable Loss(Tensor input, bool track) => Losses.CrossEntropy(new Variable(input, requiresGrad: track).MatMul(w.MT), y);

        var xv = new Variable(x, requiresGrad: true);
        var gx = Autodiff.Grad(Losses.CrossEntropy(xv.MatMul(w.MT), y), xv);
        using (Autodiff.NoGrad())
        {
            Assert.True(Loss(x + gx.Sign() * 0.01, false).Item() > Loss(x, false).Item());
        }
    }
}
