namespace Scratch.Autograd;

/// <summary>
/// Checks backward against central finite differences in float64. The function's output y may have
/// any shape: it is turned into the scalar L = Σ w·y with seeded random weights w, so one backward
/// gives the vector-Jacobian product wᵀJ, and each input element xⱼ is compared with
/// (L(xⱼ + h) − L(xⱼ − h)) / 2h, whose error is O(h²) (Nocedal &amp; Wright 2006, §8.1).
/// A backward rule that is wrong for some w almost surely shows up for a random w.
/// </summary>
public static class GradCheck
{
    /// <summary>Compares the analytic and numeric gradients of <paramref name="f"/> at <paramref name="inputs"/> (all float64).</summary>
    /// <exception cref="ArgumentException">An input is not float64.</exception>
    public static GradCheckResult Run(Func<IReadOnlyList<Variable>, Variable> f, IReadOnlyList<Tensor> inputs, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        var opts = options ?? new GradCheckOptions();
        opts.Validate();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].DType != DType.Float64)
            {
                throw new ArgumentException($"gradcheck: input {i} is {inputs[i].DType.Name()}; finite differences need float64 (convert with .To(DType.Float64))", nameof(inputs));
            }
        }
        var variables = inputs.Select((t, i) => new Variable(t, requiresGrad: true, name: $"input{i}")).ToArray();
        var output = f(variables);
        var weights = Tensor.Randn(output.Shape, new Generator(opts.Seed), output.DType, output.Device);
        var analytic = output.RequiresGrad
            ? Autodiff.Grad(output, variables, weights, allowUnused: true)
            : inputs.Select(Tensor.ZerosLike).ToArray();

        double Objective(Tensor[] xs)
        {
            using (Autodiff.NoGrad())
            {
                return (f(xs.Select(x => new Variable(x)).ToArray()).Data * weights).Sum().Item();
            }
        }

        var worst = new Worst(opts);
        var points = inputs.ToArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var values = inputs[i].ToArray<double>();
            var grads = analytic[i].ToArray<double>();
            for (var j = 0; j < values.Length; j++)
            {
                var x = values[j];
                values[j] = x + opts.Epsilon;
                points[i] = Tensor.FromSpan<double>(values, inputs[i].Shape, inputs[i].Device);
                var plus = Objective(points);
                values[j] = x - opts.Epsilon;
                points[i] = Tensor.FromSpan<double>(values, inputs[i].Shape, inputs[i].Device);
                var minus = Objective(points);
                values[j] = x;
                worst.Consider(i, inputs[i].Shape, j, grads[j], (plus - minus) / (2 * opts.Epsilon));
            }
            points[i] = inputs[i];
        }
        return worst.Result();
    }

    /// <summary>The one-input form of <see cref="Run(Func{IReadOnlyList{Variable}, Variable}, IReadOnlyList{Tensor}, GradCheckOptions?)"/>.</summary>
    public static GradCheckResult Run(Func<Variable, Variable> f, Tensor input, GradCheckOptions? options = null) =>
        Run(v => f(v[0]), [input], options);

    /// <summary>Runs the check and throws when it fails; returns the result when it passes.</summary>
    /// <exception cref="GradCheckException">Some element is out of tolerance; the message names the worst one.</exception>
    public static GradCheckResult Assert(Func<IReadOnlyList<Variable>, Variable> f, IReadOnlyList<Tensor> inputs, GradCheckOptions? options = null)
    {
        var result = Run(f, inputs, options);
        return result.Passed ? result : throw new GradCheckException(result);
    }

    /// <summary>The one-input form of <see cref="Assert(Func{IReadOnlyList{Variable}, Variable}, IReadOnlyList{Tensor}, GradCheckOptions?)"/>.</summary>
    public static GradCheckResult Assert(Func<Variable, Variable> f, Tensor input, GradCheckOptions? options = null) =>
        Assert(v => f(v[0]), [input], options);

    /// <summary>Tracks the element whose error uses the largest share of its tolerance.</summary>
    private sealed class Worst(GradCheckOptions options)
    {
        private double _score = double.NegativeInfinity;
        private bool _passed = true;
        private int _count;
        private int _input = -1;
        private int[] _index = [];
        private double _analytic;
        private double _numeric;

        public void Consider(int input, Shape shape, int flat, double analytic, double numeric)
        {
            _count++;
            var error = Math.Abs(analytic - numeric);
            var allowed = options.AbsoluteTolerance + options.RelativeTolerance * Math.Abs(numeric);
            // NaN on one side only is a failure; NaN on both (e.g. log of a negative) is agreement.
            var agree = double.IsNaN(analytic) && double.IsNaN(numeric);
            var score = agree ? 0 : double.IsNaN(error) ? double.PositiveInfinity : error / Math.Max(allowed, double.Epsilon);
            _passed &= agree || error <= allowed;
            if (score > _score)
            {
                (_score, _input, _index, _analytic, _numeric) = (score, input, Unravel(shape, flat), analytic, numeric);
            }
        }

        public GradCheckResult Result()
        {
            var error = Math.Abs(_analytic - _numeric);
            return new GradCheckResult(_passed, _input, _index, _analytic, _numeric,
                error, error / Math.Max(Math.Abs(_numeric), double.Epsilon), _count, options);
        }

        private static int[] Unravel(Shape shape, int flat)
        {
            var index = new int[shape.Rank];
            for (var d = shape.Rank - 1; d >= 0; d--)
            {
                index[d] = flat % shape[d];
                flat /= shape[d];
            }
            return index;
        }
    }
}
