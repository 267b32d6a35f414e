using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>Modules applied in order; the children are named "0", "1", … as in PyTorch's nn.Sequential.</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];

    /// <summary>Creates the chain.</summary>
    public Sequential(params Module[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers)
        {
            Append(layer);
        }
    }

    /// <summary>The number of layers.</summary>
    public int Count => _layers.Count;

    /// <summary>The layer at <paramref name="index"/>.</summary>
    public Module this[int index] => _layers[index];

    /// <summary>Adds a layer at the end, named by its index.</summary>
    /// <returns>This chain.</returns>
    public Sequential Append(Module layer)
    {
        _layers.Add(RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));
        return this;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A <see cref="ReLU"/> directly followed by a <see cref="MaxPool2d"/> runs after the pool instead of before it:
    /// max over a window of max(0, xᵢ) = max(0, max over the window of xᵢ), and the pool's choice of input agrees
    /// wherever a gradient flows (a window whose maximum is positive picks the same first maximum either way, one with
    /// a NaN its last NaN either way, and one whose maximum is ≤ 0 passes a zero gradient either way). So the outputs
    /// and gradients are the same bit for bit, except that a window whose largest input is −0 may give −0 where it gave
    /// +0; the ReLU and its backward then touch the pooled values only (a quarter behind a 2×2 pool).
    /// </remarks>
    public override Variable Forward(Variable input)
    {
        var x = input;
        for (int i = 0; i < _layers.Count; i++)
        {
            if (_layers[i] is ReLU relu && i + 1 < _layers.Count && _layers[i + 1] is MaxPool2d pool)
            {
                x = relu.Forward(pool.Forward(x));
                i++;
                continue;
            }

            x = _layers[i].Forward(x);
        }
        return x;
    }
}
