using Scratch.Autograd;
using Scratch.Autograd.Tests.Support;

namespace Scratch.Nn.Tests.Support;

/// <summary>Gradient checks of a module's output with respect to its input and every parameter, in float64.</summary>
public static class ModuleGradCheck
{
    /// <summary>Converts <paramref name="module"/> to float64 and gradchecks y = module(x) in x and all parameters together.</summary>
    public static void Assert(Module module, Tensor input, GradCheckOptions? options = null)
    {
        module.To(DType.Float64);
        var parameters = module.Parameters();
        var originals = parameters.Select(p => p.Variable).ToArray();
        var inputs = new List<Tensor> { input.To(DType.Float64) };
        inputs.AddRange(parameters.Select(p => p.Value));
        try
        {
            GradCheck.Assert(vs =>
            {
                for (var i = 0; i < parameters.Count; i++)
                {
                    parameters[i].Variable = vs[i + 1];
                }
                return module.Forward(vs[0]);
            }, inputs, options);
        }
        finally
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                parameters[i].Variable = originals[i];
            }
        }
    }

    /// <summary>A float64 tensor of standard normal values (<see cref="Seeded.Normal"/>).</summary>
    public static Tensor Randn(ulong seed, params int[] shape) => Seeded.Normal(seed, shape);
}
