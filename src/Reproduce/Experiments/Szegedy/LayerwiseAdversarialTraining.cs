using System.Text;
using System.Text.Json.Nodes;
using Scratch.Attacks;
using Scratch.Autograd;
using Scratch.Nn;
using Scratch.Nn.Training;

namespace Scratch.Reproduce;

/// <summary>
/// Szegedy et al. §4.2: a 100-100-10 sigmoid net trained with a pool of adversarial examples that is refreshed during
/// training, against the same net with weight decay alone. The detail the paper calls essential: examples are
/// generated for each layer's output and used to train the layers above. For layer k (0: the pixels; 1, 2: the two
/// hidden layers' outputs) the pool holds h′ = φ_k(x) + r, found by the L-BFGS attack on the layers above k (in the
/// box [0, 1], where pixels and sigmoid outputs live), and each training step minimises
/// ½·CE(f(x), y) + ½·CE(head_k(h′), y): the clean term trains every layer, the pool term only the layers above k.
/// </summary>
internal sealed class LayerwiseAdversarialTraining : IExperiment
{
    private const string Zoo = "fc100-100-10";

    // The depth of each layer's output in the zoo's Sequential: Flatten | Linear, Sigmoid | Linear, Sigmoid | Linear.
    private static readonly (int Layer, int Children, string Description)[] Layers =
    [
        (0, 1, "input (pixels)"),
        (1, 3, "first hidden layer"),
        (2, 5, "second hidden layer"),
    ];

    public string Name => "szegedy-layerwise";

    public string Paper => "szegedy";

    public string Title => "§4.2: training with adversarial examples generated for each layer";

    public ExperimentResult Run(ReproduceContext context)
    {
        var testImages = context.Test.Images().To(context.Device);
        var testLabels = context.Test.LabelTensor().To(context.Device);
        double TestError(Module m) => Transfer.ErrorRate(Classifier.FromModule(m), testImages, testLabels);
        var baseline = StandardModels.Get(context, Zoo);
        var baselineError = TestError(baseline);
        var numbers = new JsonObject { ["weight_decay_only_test_error"] = baselineError };
        var table = new MarkdownTable("training", "test error", "paper", "pool examples that reached their target");
        table.AddRow("weight decay alone (λ = 1e-5, 1e-5, 1e-6)", Cells.Percent(baselineError), "1.6%", "—");
        foreach (var (layer, children, description) in Layers)
        {
            var pool = new AdversarialPool(context, layer, children);
            var model = context.Models.Get($"{Zoo}-pool-layer{layer}", Zoo, () =>
                RecipeTraining.Train(context, Zoo, context.Train, seed: 0, loss: pool.Loss, afterEpoch: (_, m) => pool.Refresh(m)));
            var error = TestError(model);
            table.AddRow($"with a pool for the {description}", Cells.Percent(error), layer == 0 ? "< 1.2% (best layer)" : "higher layers helped most", pool.Refreshes == 0 ? "cached model" : Cells.Percent(pool.SuccessRate));
            numbers[$"layer{layer}"] = new JsonObject { ["test_error"] = error, ["pool_success_rate"] = pool.Refreshes == 0 ? null : Json.Number(pool.SuccessRate) };
        }
        var md = new StringBuilder();
        md.AppendLine(FormattableString.Invariant($"Every net is the zoo's FC100-100-10 (λ = 1e-5, 1e-5, 1e-6) from the same seed, trained by its recipe for {context.Preset.Epochs(ModelZoo.Recipe(Zoo).Epochs)} epochs on {context.Train.Count:N0} images. After each epoch the pool is refreshed: {context.Preset.PoolSize:N0} random training images are mapped to the layer's output with the current weights and attacked on the layers above with the L-BFGS attack (c from 1, up to two tenfold steps, no bisection; random targets); every example the attack returns, successful or not, joins the pool with its true label. A training step draws as many pool examples as the batch has. The paper gives no numbers per layer; it reports below 1.2% test error for its best run against 1.6% with weight decay alone and about 1.3% with dropout, and that examples for the higher layers were the more useful."));
        md.AppendLine().AppendLine(table.ToMarkdown());
        return new ExperimentResult(Name, Paper, Title, md.ToString(), numbers, [], 0, context.Preset.Name);
    }

    /// <summary>The pool of one layer: refreshed after each epoch, sampled by the training loss.</summary>
    private sealed class AdversarialPool(ReproduceContext context, int layer, int children)
    {
        private readonly Generator _draws = new((ulong)(500 + layer));
        private Tensor? _features;
        private int[] _labels = [];
        private int _attacked;
        private int _reached;

        public int Refreshes { get; private set; }

        public double SuccessRate => _attacked == 0 ? double.NaN : _reached / (double)_attacked;

        public LossFunction Loss(Module model) => (m, images, labels) =>
        {
            var clean = Losses.CrossEntropy(m.Forward(new Variable(images)), labels);
            if (_features is null)
            {
                return clean;
            }
            var picks = Enumerable.Range(0, labels.Shape[0]).Select(_ => _draws.NextInt(_features.Shape[0])).ToArray();
            var h = new Variable(Tensor.Concat(picks.Select(i => _features.Narrow(0, i, 1)).ToArray()));
            foreach (var (_, head) in ((Sequential)m).Children.Skip(children))
            {
                h = head.Forward(h);
            }
            var y = Tensor.FromArray(picks.Select(i => _labels[i]).ToArray()).To(labels.Device);
            return clean * 0.5 + Losses.CrossEntropy(h, y) * 0.5;
        };

        public bool Refresh(Module model)
        {
            var sequential = (Sequential)model;
            var sample = ReproduceContext.Sample(context.Train, context.Preset.PoolSize, seed: (ulong)(600 + 10 * layer + Refreshes));
            var features = UnitDirections.Features(sequential, children, sample.Images().To(context.Device));
            var labels = sample.LabelTensor().To(context.Device);
            var head = sequential.Children.Skip(children).Select(c => c.Module).ToArray();
            var classifier = new Classifier(v =>
            {
                using var frozen = Parameter.Freeze();
                foreach (var module in head)
                {
                    v = module.Forward(v);
                }
                return v;
            });
            var options = new LbfgsAttackOptions { Target = TargetPolicy.Random((ulong)(700 + Refreshes)), MaxBracketSteps = 2, BisectionSteps = 0 };
            var result = AttackRunner.InBatches(features, labels, 500, (x, y, first) => [LbfgsAttack.Run(classifier, x, y, options, first)])[0];
            _features = result.Adversarial;
            _labels = sample.Labels;
            _attacked += result.Count;
            _reached += result.Examples.Count(e => e.Success);
            Refreshes++;
            context.Log(FormattableString.Invariant($"  pool for layer {layer}: {result.Count} examples, {Cells.Percent(result.Metrics().SuccessRate)} reached their target"));
            return true;
        }
    }
}
