namespace Scratch.Nn;

/// <summary>
/// The papers' models by name. Every model takes images [N, 1, 28, 28] with pixels in [0, 1] (the
/// fully connected ones flatten first) and returns logits [N, 10] — except "logreg", which returns one
/// logit [N, 1] for the 3-vs-7 task. Weights are drawn from the generator, so a name and a seed fix a
/// model bit for bit. λ values are L2 coefficients on each layer's weights, per layer, as Szegedy et
/// al. 2014 (Table 1) give them; the exact weight-decay form is not stated there, and we use λ‖W‖₂²
/// added to the mean loss. Each model also carries the recipe it is trained with (<see cref="Recipe"/>).
/// References: Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow &amp; Fergus 2014, "Intriguing
/// properties of neural networks"; Goodfellow, Shlens &amp; Szegedy 2015, "Explaining and harnessing
/// adversarial examples".
/// </summary>
public static partial class ModelZoo
{
    private const int Pixels = 28 * 28;
    private const int Classes = 10;

    private static readonly (string Name, string Description, Func<Generator, Module> Build)[] Models =
    [
        ("fc10", "softmax regression 784→10, no weight decay", g => SoftmaxRegression(g, 0)),
        ("fc10-1e-4", "softmax regression 784→10, λ=1e-4 (Szegedy Table 1, FC10(1e-4))", g => SoftmaxRegression(g, 1e-4)),
        ("fc10-1e-2", "softmax regression 784→10, λ=1e-2 (Szegedy Table 1, FC10(1e-2))", g => SoftmaxRegression(g, 1e-2)),
        ("fc10-1", "softmax regression 784→10, λ=1 (Szegedy Table 1, FC10(1))", g => SoftmaxRegression(g, 1)),
        ("fc100-100-10", "sigmoid net 784→100→100→10, λ = 1e-5, 1e-5, 1e-6 (Szegedy Table 1)", g => SigmoidNet(g, 100, 100)),
        ("fc200-200-10", "sigmoid net 784→200→200→10, λ = 1e-5, 1e-5, 1e-6 (Szegedy Table 1)", g => SigmoidNet(g, 200, 200)),
        ("fc123-456-10", "sigmoid net 784→123→456→10, λ = 1e-5, 1e-5, 1e-6 (Szegedy Table 3)", g => SigmoidNet(g, 123, 456)),
        ("ae400-10", "sigmoid encoder 784→400 + softmax 400→10, λ=1e-6 (Szegedy Table 1; its recipe pretrains the encoder as an autoencoder)", Autoencoder),
        ("logreg", "logistic regression 784→1, one logit (Goodfellow §5, MNIST 3 vs 7)", g => new Sequential(new Flatten(), new Linear(Pixels, 1, g))),
        ("maxout", "maxout net: dropout 0.2, 2 × maxout 240 units × 5 pieces with dropout 0.5, softmax 240→10 (Goodfellow §6)", Maxout),
        ("rbf", "shallow RBF network: 10 RBF units on 784 pixels, diagonal precisions (Goodfellow §7)", g => new Sequential(new Flatten(), new Rbf(Pixels, Classes, g))),
        ("conv", "conv 1→32 5×5, ReLU, max-pool 2, conv 32→64 5×5, ReLU, max-pool 2, linear 1024→10", Conv),
    ];

    /// <summary>Every model name, in the order of the papers' tables.</summary>
    public static IReadOnlyList<string> Names { get; } = Models.Select(m => m.Name).ToArray();

    /// <summary>Builds the model <paramref name="name"/> with weights drawn from <paramref name="generator"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known ones.</exception>
    public static Module Create(string name, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return Find(name).Build(generator);
    }

    /// <summary>A one-line description of the model <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static string Describe(string name) => Find(name).Description;

    private static (string Name, string Description, Func<Generator, Module> Build) Find(string name)
    {
        foreach (var model in Models)
        {
            if (model.Name == name)
            {
                return model;
            }
        }
        throw new ArgumentException($"ModelZoo: unknown model '{name}'; known models: {string.Join(", ", Names)}", nameof(name));
    }

    private static Sequential SoftmaxRegression(Generator g, double lambda) =>
        new(new Flatten(), new Linear(Pixels, Classes, g) { L2 = lambda });

    private static Sequential SigmoidNet(Generator g, int hidden1, int hidden2) =>
        new(
            new Flatten(),
            new Linear(Pixels, hidden1, g) { L2 = 1e-5 },
            new Sigmoid(),
            new Linear(hidden1, hidden2, g) { L2 = 1e-5 },
            new Sigmoid(),
            new Linear(hidden2, Classes, g) { L2 = 1e-6 });

    // What the zoo builds for AE400-10 is the classifier of the pretrained autoencoder: layer "1" is
    // the encoder 784→400 (sigmoid), layer "3" the softmax layer 400→10. Szegedy et al. pretrain the
    // encoder as an autoencoder (with a decoder 400→784 and a reconstruction loss) before training the
    // whole; the recipe's AutoencoderPretraining does that with its own decoder and writes the learnt
    // weights into layer "1".
    private static Sequential Autoencoder(Generator g) =>
        new(
            new Flatten(),
            new Linear(Pixels, 400, g) { L2 = 1e-6 },
            new Sigmoid(),
            new Linear(400, Classes, g) { L2 = 1e-6 });

    // Goodfellow et al. defer to the maxout paper (Goodfellow et al. 2013): keep probability 0.8 on the
    // input and 0.5 on hidden layers. Each dropout layer draws its masks from its own generator seeded
    // from the model's, so the masks are reproducible and independent of the weights' draws afterwards.
    private static Sequential Maxout(Generator g) =>
        new(
            new Flatten(),
            new Dropout(0.2, new Generator(g.NextUInt64())),
            new Maxout(Pixels, 240, 5, g),
            new Dropout(0.5, new Generator(g.NextUInt64())),
            new Maxout(240, 240, 5, g),
            new Dropout(0.5, new Generator(g.NextUInt64())),
            new Linear(240, Classes, g));

    private static Sequential Conv(Generator g) =>
        new(
            new Conv2d(1, 32, 5, g),
            new ReLU(),
            new MaxPool2d(2),
            new Conv2d(32, 64, 5, g),
            new ReLU(),
            new MaxPool2d(2),
            new Flatten(),
            new Linear(64 * 4 * 4, Classes, g));
}
