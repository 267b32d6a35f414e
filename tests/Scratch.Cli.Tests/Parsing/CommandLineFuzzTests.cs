using System.Globalization;
using CsCheck;
using Scratch.Nn;
using Scratch.Tests.Support;
using static Scratch.Cli.Tests.OneLineError;

namespace Scratch.Cli.Tests.Parsing;

/// <summary>
/// Property-based tests of the command line (seeded, bounded; see <see cref="Fuzz"/> for a longer run).
/// A command line is generated from a grammar of the tool's options, each part in a valid and an invalid
/// spelling (numbers with commas, spaces, NaN, out-of-range values; class lists that do or do not fit
/// the model; devices; names; paths to folders, devices, FIFOs, missing folders, long names; stray
/// tokens), in a random order, and run with --dry-run, so that nothing is trained. With every part valid
/// the tool must exit 0 and print nothing; with one part invalid it must exit 2 with one line on stderr
/// and nothing on stdout.
/// </summary>
[Trait("Category", Fuzz.Category)]
[Collection("Console")]
public sealed class CommandLineFuzzTests : IDisposable
{
    /// <summary>One part of a command line: its tokens when valid (none for an absent option) and when not.</summary>
    public sealed record Part(string[] Good, string[] Bad);

    private static readonly string Folder = Directory.CreateTempSubdirectory("scratch-cli-fuzz-").FullName;
    private static readonly string Fifo = SpecialFiles.Fifo(Path.Combine(Folder, "fifo"));
    private static readonly string Checkpoint = Saved("fc10.safetensors", "fc10");
    private static readonly string Garbage = Written("garbage.safetensors", [1, 2, 3, 4, 5, 6, 7, 8, 9]);

    public void Dispose()
    {
        foreach (var entry in Directory.GetFileSystemEntries(Folder).Where(e => !new[] { Fifo, Checkpoint, Garbage }.Contains(e)))
        {
            File.Delete(entry);
        }
    }

    private static string Saved(string name, string model)
    {
        var path = Path.Combine(Folder, name);
        ModelZoo.Create(model, new Generator(0)).Save(path, model);
        return path;
    }

    private static string Written(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static Gen<(string Good, string Bad)> Values(string[] valid, string[] invalid) => Gen.Select(Gen.OneOf(valid), Gen.OneOf(invalid));

    // Malformed spellings of a number, whatever its range.
    private static readonly string[] NotANumber = ["1,5", "0,001", "1.000,5", " 0.1", "0.1 ", "", "NaN", "Infinity", "-Infinity", "1e999", "abc", "0x10", "1_0", "١", "1..2", "--"];

    private static Gen<(string, string)> Real(Func<double, bool> valid) => Gen.Select(
        Gen.Frequency((3, Gen.Double[-2, 3].Where(valid).Select(F)), (1, Gen.OneOf("1e-3", "2.5E-1", ".5", "5.", "+0.25").Where(t => valid(double.Parse(t, CultureInfo.InvariantCulture))))),
        Gen.Frequency((1, Gen.Double[-2, 3].Where(v => !valid(v)).Select(F)), (2, Gen.OneOf(NotANumber))));

    private static Gen<(string, string)> Integer(int min, int max) => Gen.Select(
        Gen.Int[min, Math.Min(max, 2000)].Select(v => v.ToString(CultureInfo.InvariantCulture)),
        Gen.Frequency(
            (1, Gen.Int[min - 1000, min - 1].Select(v => v.ToString(CultureInfo.InvariantCulture))),
            (1, Gen.Const((max == int.MaxValue ? 2147483648L : max + 1L).ToString(CultureInfo.InvariantCulture))),
            (2, Gen.OneOf([.. NotANumber, "1.0", "1e3", "1,000"]))));

    private static Gen<Part> Option(string name, Gen<(string Good, string Bad)> value, bool absentWhenGood = false) =>
        from v in value
        from joined in Gen.Bool
        select new Part(absentWhenGood ? [] : Tokens(name, v.Good, joined), Tokens(name, v.Bad, joined));

    private static string[] Tokens(string name, string value, bool joined) => joined ? [$"{name}={value}"] : [name, value];

    // An option that the valid command line leaves out half of the time.
    private static Gen<Part> Maybe(string name, Gen<(string Good, string Bad)> value) =>
        Gen.Bool.SelectMany(absent => Option(name, value, absent));

    private static readonly Gen<string> ClassList = Gen.Int[0, 9].Array[2, 10].Select(c => c.Distinct().ToArray()).Where(c => c.Length >= 2).Select(c => string.Join(",", c));
    private static readonly Gen<string> MalformedClasses = Gen.OneOf(",", "3,,7", "3,7,", ",3,7", "3,3", "10,1", "3", "3, 7", "a,b", "", "3;7", "-1,2");

    private static readonly Gen<(string, string)> Device = Values(["cpu", "reference", "ilgpu-cpu", "ilgpu-cpu:0", "CPU"], ["cpu:1", "cpu:", "reference:0", "cuda:99", "ilgpu-cpu:5", "ilgpu-cpu:-1", "tpu", ""]);

    private static readonly Gen<(string, string)> OutPath = Values(
        [Path.Combine(Folder, "model.safetensors"), Path.Combine(Folder, new string('m', 217))],
        [Folder, "/", "/dev/null", Fifo, Path.Combine(Folder, "missing", "m.safetensors"), Path.Combine(Folder, new string('m', 218)), Path.Combine(Garbage, "m"), ""]);

    private static readonly Gen<Part> Stray = Gen.OneOf("--bogus", "extra", "@/dev/zero", "-x", "--lr").Select(t => new Part([], [t]));

    private static readonly Gen<Part[]> TrainOptions = Gen.Select(
        Gen.Select(Maybe("--data", Values(["mnist", "fashion-mnist"], ["MNIST", "cifar", "", "mnist "])), Maybe("--epochs", Integer(1, int.MaxValue)),
            Maybe("--batch-size", Integer(1, int.MaxValue)), Maybe("--lr", Real(v => v > 0)), Maybe("--momentum", Real(v => v is >= 0 and < 1))),
        Gen.Select(Maybe("--weight-decay", Real(v => v >= 0)), Maybe("--max-norm", Real(v => v > 0)),
            Maybe("--optimizer", Values(["sgd", "adam"], ["SGD", "rmsprop", ""])), Maybe("--schedule", Values(["constant", "step", "cosine"], ["linear", "Cosine"])),
            Maybe("--seed", Values(["0", "7", "18446744073709551615"], ["-1", "1.5", "18446744073709551616", "1,0", ""]))),
        Gen.Select(Maybe("--train-size", Integer(1, int.MaxValue)), Maybe("--test-size", Integer(1, int.MaxValue)), Maybe("--device", Device),
            Maybe("--data-dir", Values([Folder, Path.Combine(Folder, "later")], [Garbage, "/dev/null", Fifo])), Maybe("--out", OutPath)),
        (a, b, c) => new[] { a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, c.Item1, c.Item2, c.Item3, c.Item4, c.Item5 });

    private static readonly Gen<Part[]> Train =
        from model in Values(["fc10", "fc10-1e-2", "logreg", "fc100-100-10", "ae400-10", "rbf", "conv"], ["nope", "FC10", "", "logreg "])
        // A one-logit model takes exactly two classes (3,7 when none are given); the others two to ten.
        from classes in model.Good == "logreg"
            ? Gen.Select(ClassList, MalformedClasses, Gen.Bool).Select(c => (Good: string.Join(",", c.Item1.Split(',').Take(2)), Bad: c.Item3 && c.Item1.Split(',').Length != 2 ? c.Item1 : c.Item2))
            : Gen.Select(ClassList, MalformedClasses)
        from classesPart in Gen.Bool.SelectMany(absent => Option("--classes", Gen.Const(classes), absent))
        from options in TrainOptions
        from stray in Stray
        select (Part[])[new Part(["train"], ["trian"]), new Part(["--model", model.Good], ["--model", model.Bad]), classesPart, .. options, stray];

    private static readonly Gen<Part[]> SelfCheck =
        from name in Gen.OneOf("-n", "--size")
        from size in Option(name, Integer(1, 8192))
        from json in Gen.Bool
        from stray in Stray
        select (Part[])[new Part(["selfcheck"], ["selfchek"]), size, new Part(json ? ["--json"] : [], ["--json=maybe"]), stray];

    private static readonly Gen<Part[]> Eval =
        from model in Values([Checkpoint], ["/dev/zero", "/", Fifo, Garbage, Path.Combine(Folder, "missing.safetensors"), ""])
        // The checkpoint was trained on all ten classes, the only list it may be evaluated on.
        from classes in Maybe("--classes", Gen.Select(Gen.Const("0,1,2,3,4,5,6,7,8,9"), Gen.Frequency((1, ClassList), (1, MalformedClasses))))
        from size in Maybe("--test-size", Integer(1, int.MaxValue))
        from device in Maybe("--device", Device)
        from stray in Stray
        select (Part[])[new Part(["eval"], ["evaluate"]), new Part(["--model", model.Item1], ["--model", model.Item2]), classes, size, device, stray];

    private static readonly Gen<(Part[] Parts, int[] Order, int Broken)> CommandLine =
        from parts in Gen.Frequency((6, Train), (2, SelfCheck), (2, Eval))
        from order in Gen.Int.Array[parts.Length]
        from broken in Gen.Frequency((1, Gen.Const(-1)), (2, Gen.Int[0, parts.Length - 1]))
        select (parts, order, broken);

    [Fact]
    public void GeneratedCommandLine_ExitsZeroExactlyWhenEveryPartIsValid() => Fuzz.Run(CommandLine, c =>
    {
        // The command stays first; the options follow in a random order; part Broken (if any) is spelled invalidly.
        var tokens = c.Parts.Select((p, i) => (Tokens: i == c.Broken ? p.Bad : p.Good, Key: i == 0 ? int.MinValue : c.Order[i]));
        var args = tokens.OrderBy(t => t.Key).SelectMany(t => t.Tokens).Append("--dry-run").ToArray();
        var result = CliRunner.Run(args);
        var line = string.Join(" ", args.Select(a => $"'{a}'"));
        if (c.Broken < 0)
        {
            Assert.True(result.Code == 0, $"valid command line refused: {line} -> {result.Stderr}");
            Assert.Equal("", result.Stdout + result.Stderr);
        }
        else
        {
            Assert.True(result.Code == 2, $"invalid part {string.Join(" ", c.Parts[c.Broken].Bad)} accepted: {line}");
            AssertBadInput(result, "");
        }
    }, iterations: 1000, stream: 21);
}
