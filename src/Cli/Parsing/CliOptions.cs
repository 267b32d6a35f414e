using System.CommandLine;
using System.CommandLine.Parsing;
using Scratch.Cli.Commands;

namespace Scratch.Cli.Parsing;

/// <summary>
/// Option factories that parse values strictly, for every command. A bad value is a parse error that
/// names the option, the value and what was expected; <see cref="Program"/> prints it as one line on
/// stderr with exit code 2, before any work. Numbers follow <see cref="StrictNumber"/> (invariant, no
/// ',' inside a number); lists are comma-separated with no empty entry; names come from a fixed set;
/// devices go through <see cref="Device.Parse"/> and must exist. Ranges are checked here too, so a new
/// command states each rule once, where it declares the option:
/// <code>
/// var lr = CliOptions.Real("--lr", "Base learning rate.", 0.1, v => v > 0, "a number > 0");
/// var eps = CliOptions.RealList("--eps", "Perturbation sizes.", [0.1, 0.25], v => v >= 0, "numbers >= 0");
/// var steps = CliOptions.Integer("--steps", "Iterations.", 10, v => v >= 1, "an integer >= 1");
/// steps.Aliases.Add("-s");
/// </code>
/// </summary>
internal static class CliOptions
{
    private const string RealHint = "written with '.' for decimals and no ',' or spaces";
    private const string IntegerHint = "written with digits only";

    /// <summary>A real-valued option with a default; <paramref name="valid"/> is the range, described by <paramref name="expected"/>.</summary>
    public static Option<double> Real(string name, string description, double defaultValue, Func<double, bool> valid, string expected) =>
        new(name)
        {
            Description = $"{description} Default: {Format(defaultValue)}.",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r => ParseOne(r, name, valid, expected, StrictNumber.TryParseDouble, "a number", RealHint),
        };

    /// <summary>A real-valued option that is null when absent.</summary>
    public static Option<double?> OptionalReal(string name, string description, Func<double, bool> valid, string expected) =>
        new(name) { Description = description, CustomParser = r => ParseOne(r, name, valid, expected, StrictNumber.TryParseDouble, "a number", RealHint) };

    /// <summary>An int option with a default.</summary>
    public static Option<int> Integer(string name, string description, int defaultValue, Func<int, bool> valid, string expected) =>
        new(name)
        {
            Description = $"{description} Default: {defaultValue}.",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r => ParseOne(r, name, valid, expected, StrictNumber.TryParseInt, "an integer", IntegerHint),
        };

    /// <summary>An int option that is null when absent.</summary>
    public static Option<int?> OptionalInteger(string name, string description, Func<int, bool> valid, string expected) =>
        new(name) { Description = description, CustomParser = r => ParseOne(r, name, valid, expected, StrictNumber.TryParseInt, "an integer", IntegerHint) };

    /// <summary>A non-negative 64-bit integer option (a seed) with a default.</summary>
    public static Option<ulong> UnsignedInteger(string name, string description, ulong defaultValue) =>
        new(name)
        {
            Description = $"{description} Default: {defaultValue}.",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r => ParseOne<ulong>(r, name, _ => true, $"an integer from 0 to {ulong.MaxValue}", StrictNumber.TryParseUInt64, "an integer", IntegerHint),
        };

    /// <summary>A comma-separated list of reals ("0.1,0.25"), each in range; no empty entry.</summary>
    public static Option<double[]> RealList(string name, string description, double[] defaultValue, Func<double, bool> valid, string expected) =>
        new(name)
        {
            Description = $"{description} Default: {string.Join(",", defaultValue.Select(Format))}.",
            DefaultValueFactory = _ => defaultValue,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = r =>
            {
                var text = Token(r);
                var parts = text.Split(',');
                var values = new double[parts.Length];
                for (var i = 0; i < parts.Length; i++)
                {
                    if (!StrictNumber.TryParseDouble(parts[i], out values[i]) || !valid(values[i]))
                    {
                        r.AddError($"{name}: '{parts[i]}' in '{text}' is not {expected}; expected a comma-separated list of {expected}, {RealHint} inside a number");
                        return defaultValue;
                    }
                }
                return values;
            },
        };

    /// <summary>A class list ("3,7", see <see cref="ClassList"/>); empty when the option is absent.</summary>
    public static Option<int[]> Classes(string name, string description) =>
        new(name)
        {
            Description = description,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = r =>
            {
                if (ClassList.TryParse(Token(r), out var classes, out var error))
                {
                    return classes;
                }
                r.AddError($"{name}: {error}");
                return [];
            },
        };

    /// <summary>A name from a fixed set, compared exactly (lower case).</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] choices) =>
        new(name)
        {
            Description = $"{description} One of {string.Join(", ", choices)}; default: {defaultValue}.",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                var text = Token(r);
                if (choices.Contains(text, StringComparer.Ordinal))
                {
                    return text;
                }
                r.AddError($"{name}: '{text}' is unknown; expected one of {string.Join(", ", choices)}");
                return defaultValue;
            },
        };

    /// <summary>A name from a fixed set, compared exactly (lower case), that is null when absent.</summary>
    public static Option<string?> OptionalChoice(string name, string description, params string[] choices) =>
        new(name)
        {
            Description = $"{description} One of {string.Join(", ", choices)}.",
            CustomParser = r =>
            {
                var text = Token(r);
                if (choices.Contains(text, StringComparer.Ordinal))
                {
                    return text;
                }
                r.AddError($"{name}: '{text}' is unknown; expected one of {string.Join(", ", choices)}");
                return null;
            },
        };

    /// <summary>A device ("cpu", "gpu", "cuda:0", ...) that must exist on this machine; default cpu.</summary>
    public static Option<Device> Device(string name, string description) =>
        new(name)
        {
            Description = $"{description} One of cpu, reference, ilgpu-cpu[:N], gpu, cuda[:N], opencl[:N] (see scratch devices); default: cpu.",
            DefaultValueFactory = _ => Scratch.Device.Cpu,
            CustomParser = r =>
            {
                try
                {
                    var device = Scratch.Device.Parse(Token(r));
                    if (!device.IsHost && Devices.List().All(d => d.Device != device))
                    {
                        r.AddError($"{name}: device '{device}' does not exist on this machine; scratch devices lists those that do");
                    }
                    return device;
                }
                catch (ArgumentException e)
                {
                    r.AddError($"{name}: {CliErrors.Describe(e)}");
                    return Scratch.Device.Cpu;
                }
            },
        };

    private delegate bool TryParse<T>(string text, out T value);

    private static T ParseOne<T>(ArgumentResult r, string name, Func<T, bool> valid, string expected, TryParse<T> parse, string kind, string hint)
    {
        var text = Token(r);
        if (!parse(text, out var value))
        {
            r.AddError($"{name}: '{text}' is not {kind}; expected {expected}, {hint}");
            return value;
        }
        if (!valid(value))
        {
            r.AddError($"{name}: {text} is out of range; expected {expected}");
        }
        return value;
    }

    // A single-valued option's parser runs when the option was given with one token.
    private static string Token(ArgumentResult r) => r.Tokens.Count == 1 ? r.Tokens[0].Value : "";

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
