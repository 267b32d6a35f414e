using System.Globalization;
using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>
/// The affine map y = x Wᵀ + b with W of shape [out, in] (PyTorch's layout), and an optional weight
/// penalty λ₁‖W‖₁ + λ₂‖W‖₂² reported by <see cref="Module.Penalty"/> (the bias is not penalised).
/// </summary>
public sealed class Linear : Module
{
    private double _l1;
    private double _l2;

    /// <summary>Creates the layer; the weight is drawn from <paramref name="generator"/> with <paramref name="init"/>, the bias starts at zero.</summary>
    public Linear(int inFeatures, int outFeatures, Generator generator, bool bias = true, WeightInit init = WeightInit.XavierUniform)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        ArgumentNullException.ThrowIfNull(generator);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", new Parameter(Init.Create(init, new Shape(outFeatures, inFeatures), generator), "weight"));
        if (bias)
        {
            Bias = RegisterParameter("bias", new Parameter(Init.Zeros(new Shape(outFeatures)), "bias"));
        }
    }

    /// <summary>The input width.</summary>
    public int InFeatures { get; }

    /// <summary>The output width.</summary>
    public int OutFeatures { get; }

    /// <summary>W, shape [out, in].</summary>
    public Parameter Weight { get; }

    /// <summary>b, shape [out], or null.</summary>
    public Parameter? Bias { get; }

    /// <summary>λ₁, the L1 penalty coefficient on W (0 = none).</summary>
    public double L1 { get => _l1; set => _l1 = WeightPenalty.Validate(value, nameof(L1)); }

    /// <summary>λ₂, the L2 (weight-decay) coefficient on ‖W‖₂² (0 = none).</summary>
    public double L2 { get => _l2; set => _l2 = WeightPenalty.Validate(value, nameof(L2)); }

    /// <summary>y = x Wᵀ + b for x of shape [N, in]; returns [N, out].</summary>
    /// <exception cref="ArgumentException">The last dimension of the input is not <see cref="InFeatures"/>.</exception>
    public override Variable Forward(Variable input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 1 || input.Shape[-1] != InFeatures)
        {
            throw new ArgumentException($"Linear({InFeatures} → {OutFeatures}): input of shape {input.Shape}; its last dimension must be {InFeatures}", nameof(input));
        }
        return Variable.Linear(input, Weight.Variable, Bias?.Variable);
    }

    /// <inheritdoc/>
    protected override Variable? OwnPenalty() => WeightPenalty.Of(Weight.Variable, L1, L2);

    /// <inheritdoc/>
    public override string Describe()
    {
        var text = $"Linear({InFeatures} → {OutFeatures}{(Bias is null ? ", no bias" : "")}";
        if (L1 != 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", L1={L1:G3}");
        }
        if (L2 != 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", L2={L2:G3}");
        }
        return text + ")";
    }
}
