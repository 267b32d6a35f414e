using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Scratch.Cli.Parsing;
using Scratch.Attacks;
using Scratch.Data.Sets;
using Scratch.Nn;
using Scratch.Reproduce;
using Spectre.Console;

namespace Scratch.Cli.Commands;

/// <summary><c>scratch attack fgsm|pgd|lbfgs</c>: attack a saved model on a split and report both papers' measures.</summary>
internal static class AttackCommand
{
    private static readonly string[] Attacks = ["fgsm", "pgd", "lbfgs"];

    public static Command Create()
    {
        var attack = new Argument<string>("attack") { Description = "fgsm, pgd or lbfgs." };
        var model = new Option<string>("--model", "-m") { Description = "A safetensors checkpoint written by scratch train.", Required = true };
        var data = new Option<string>("--data") { Description = "mnist or fashion-mnist.", DefaultValueFactory = _ => "mnist" };
        var split = new Option<string>("--split") { Description = "test or train.", DefaultValueFactory = _ => "test" };
        var n = new Option<int?>("--n") { Description = "Attack the first N examples of the split (default: all for fgsm/pgd, 100 for lbfgs)." };
        var eps = new Option<string?>("--eps") { Description = "Budgets ε, comma-separated (fgsm, pgd; default 0.25)." };
        var norm = new Option<string>("--norm") { Description = "pgd: linf or l2.", DefaultValueFactory = _ => "linf" };
        var steps = new Option<int>("--steps") { Description = "pgd: gradient steps.", DefaultValueFactory = _ => 40 };
        var stepSize = new Option<string?>("--step-size") { Description = "pgd: step length (default 2.5·ε/steps)." };
        var restarts = new Option<int>("--restarts") { Description = "pgd: random restarts.", DefaultValueFactory = _ => 1 };
        var target = new Option<string?>("--target") { Description = "untargeted, runner-up, random, all or a class number (default: untargeted for fgsm/pgd, random for lbfgs)." };
        var cStart = new Option<string?>("--c-start") { Description = "lbfgs: the first c of each example's search (default 1)." };
        var cSteps = new Option<int>("--c-steps") { Description = "lbfgs: bisection steps in log c.", DefaultValueFactory = _ => 5 };
        var batchSize = new Option<int?>("--batch-size") { Description = "Examples per batch (default 1000 for fgsm/pgd, 100 for lbfgs)." };
        var seed = new Option<ulong>("--seed") { Description = "Seeds random targets and random starts.", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu, reference, ilgpu-cpu or gpu.", DefaultValueFactory = _ => "cpu" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Data cache folder." };
        var json = new Option<bool>("--json") { Description = "Print the metrics as one JSON object on stdout." };
        var imagesDir = new Option<string?>("--images") { Description = "Write a PNG grid (clean | perturbation, magnified | adversarial) per ε into this folder (created if missing)." };
        var command = new Command("attack", "Attack a saved model (FGSM, PGD/BIM or Szegedy's L-BFGS) and report error, success, confidence and distortion.")
        {
            attack, model, data, split, n, eps, norm, steps, stepSize, restarts, target, cStart, cSteps, batchSize, seed, device, dataDir, json, imagesDir,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(attack)!;
            if (!Attacks.Contains(name))
            {
                throw new ArgumentException($"attack '{name}' is unknown; expected one of {string.Join(", ", Attacks)}");
            }
            var isLbfgs = name == "lbfgs";
            if (isLbfgs && parse.GetValue(eps) is not null)
            {
                throw new ArgumentException("--eps does not apply to lbfgs (Szegedy's attack has no budget; it minimises the perturbation)");
            }
            var epsilons = ParseList(parse.GetValue(eps) ?? "0.25", "--eps");
            var policy = ParseTarget(parse.GetValue(target) ?? (isLbfgs ? "random" : "untargeted"), parse.GetValue(seed));
            var path = parse.GetValue(model)!;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"checkpoint '{path}' does not exist");
            }
            var loaded = ModelZoo.LoadCheckpoint(path);
            var dev = Device.Parse(parse.GetValue(device)!);
            // --n is checked against the split's size, which needs the data: a dry run stops before it.
            if (GlobalOptions.StopAfterValidation(parse))
            {
                return 0;
            }
            loaded.Model.To(dev);
            var classifier = Classifier.ForZooModel(loaded.Name, loaded.Model);
            var set = LoadSplit(parse.GetValue(data)!, parse.GetValue(split)!, CheckpointMetadata.ClassesOf(loaded.Metadata) ?? ModelZoo.Recipe(loaded.Name).Classes?.ToArray(), parse.GetValue(dataDir));
            var count = parse.GetValue(n) ?? (isLbfgs ? 100 : set.Count);
            if (count < 1 || count > set.Count)
            {
                throw new ArgumentException($"--n = {count}; the split has {set.Count} examples (expected 1..{set.Count})");
            }
            var images = set.Range(0, count).Images().To(dev);
            var labels = set.Range(0, count).LabelTensor().To(dev);
            Func<Tensor, Tensor, long, IReadOnlyList<AttackResult>> run = name switch
            {
                "fgsm" => (x, y, first) => Fgsm.Run(classifier, x, y, epsilons, policy, first),
                "pgd" => PgdRun(classifier, epsilons, policy, parse.GetValue(norm)!, parse.GetValue(steps), parse.GetValue(stepSize), parse.GetValue(restarts), parse.GetValue(seed)),
                _ => LbfgsRun(classifier, policy, parse.GetValue(cStart), parse.GetValue(cSteps)),
            };
            var batch = parse.GetValue(batchSize) ?? (isLbfgs ? 100 : 1000);
            if (batch < 1)
            {
                throw new ArgumentException($"--batch-size = {batch}; expected ≥ 1");
            }
            var imageFolder = parse.GetValue(imagesDir) is { } folder ? PrepareFolder(folder) : null;
            var clock = Stopwatch.StartNew();
            var results = RunWithProgress(name, images, labels, batch, run, clock);
            var seconds = clock.Elapsed.TotalSeconds;
            if (imageFolder is not null)
            {
                foreach (var result in results)
                {
                    var file = result.Epsilon is { } e ? string.Create(CultureInfo.InvariantCulture, $"{name}-eps{e}.png") : $"{name}.png";
                    AdversarialGrid.Build(result).Save(Path.Combine(imageFolder, file));
                }
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(AttackReport.Json(name, loaded.Name, path, results, seconds));
            }
            else
            {
                AnsiConsole.Write(AttackReport.Table(name, loaded.Name, results, seconds));
            }
            return 0;
        });
        return command;
    }

    private static Func<Tensor, Tensor, long, IReadOnlyList<AttackResult>> PgdRun(Classifier classifier, IReadOnlyList<double> epsilons,
        TargetPolicy policy, string norm, int steps, string? stepSize, int restarts, ulong seed)
    {
        var options = new PgdOptions
        {
            Norm = norm switch
            {
                "linf" => PerturbationNorm.Linf,
                "l2" => PerturbationNorm.L2,
                _ => throw new ArgumentException($"--norm '{norm}' is unknown; expected linf or l2"),
            },
            Steps = steps,
            StepSize = stepSize is null ? null : ParseNumber(stepSize, "--step-size"),
            Restarts = restarts,
            Seed = seed,
            Target = policy,
        };
        foreach (var e in epsilons)
        {
            (options with { Epsilon = e }).Validate();
        }
        return (x, y, first) => epsilons.Select(e => Pgd.Run(classifier, x, y, options with { Epsilon = e }, first)).ToArray();
    }

    private static Func<Tensor, Tensor, long, IReadOnlyList<AttackResult>> LbfgsRun(Classifier classifier, TargetPolicy policy, string? cStart, int cSteps)
    {
        var options = new LbfgsAttackOptions { Target = policy, BisectionSteps = cSteps };
        if (cStart is not null)
        {
            options = options with { InitialC = ParseNumber(cStart, "--c-start") };
        }
        options.Validate();
        return (x, y, first) => [LbfgsAttack.Run(classifier, x, y, options, first)];
    }

    private static IReadOnlyList<AttackResult> RunWithProgress(string name, Tensor images, Tensor labels, int batch,
        Func<Tensor, Tensor, long, IReadOnlyList<AttackResult>> run, Stopwatch clock)
    {
        IReadOnlyList<AttackResult>? results = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(name, maxValue: images.Shape[0]);
                results = AttackRunner.InBatches(images, labels, batch, run, done =>
                {
                    task.Value = done;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{name}  {done / clock.Elapsed.TotalSeconds:F0} examples/s");
                });
            });
        return results!;
    }

    // The folder for --images, checked (and created) before any work, so a bad path fails at once.
    private static string PrepareFolder(string folder)
    {
        if (File.Exists(folder))
        {
            throw new ArgumentException($"--images '{folder}' is a file; expected a folder (it is created if missing)");
        }
        try
        {
            return Directory.CreateDirectory(folder).FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--images '{folder}' cannot be created: {e.Message}");
        }
    }

    // Only the split attacked is read (the test split alone loads in a fraction of the time both take).
    private static ImageDataset LoadSplit(string data, string split, int[]? classes, string? dataDir)
    {
        var part = split switch
        {
            "test" => DataSplit.Test,
            "train" => DataSplit.Train,
            _ => throw new ArgumentException($"--split '{split}' is unknown; expected test or train"),
        };
        var set = data switch
        {
            "mnist" => Mnist.Load(part, dataDir, Console.Error.WriteLine),
            "fashion-mnist" => FashionMnist.Load(part, dataDir),
            _ => throw new ArgumentException($"--data '{data}' is unknown; expected mnist or fashion-mnist"),
        };
        return classes is { Length: > 0 } ? set.WithClasses(classes) : set;
    }

    /// <summary>"untargeted", "runner-up", "random" (seeded by --seed), "all", or a class number.</summary>
    internal static TargetPolicy ParseTarget(string text, ulong seed) => text switch
    {
        "untargeted" => TargetPolicy.Untargeted,
        "runner-up" => TargetPolicy.RunnerUp,
        "random" => TargetPolicy.Random(seed),
        "all" => TargetPolicy.AllOthers,
        _ when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var k) => TargetPolicy.Class(k),
        _ => throw new ArgumentException($"--target '{text}' is unknown; expected untargeted, runner-up, random, all or a class number"),
    };

    /// <summary>A comma-separated list of finite numbers, each parsed invariantly.</summary>
    internal static double[] ParseList(string text, string option) =>
        text.Split(',').Select(part => ParseNumber(part, option)).ToArray();

    private static double ParseNumber(string text, string option) =>
        StrictNumber.TryParseDouble(text, out var v)
            ? v
            : throw new ArgumentException($"{option} '{text}' is not a finite number (use '.' for decimals; lists are comma-separated)");
}
