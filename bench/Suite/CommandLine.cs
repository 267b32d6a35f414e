using System.Globalization;

namespace Scratch.BenchSuite;

/// <summary>A command followed by --name value pairs; every name must be known and given once.</summary>
public sealed class CommandLine
{
    private static readonly HashSet<string> Known = ["out", "engine", "mode", "groups", "threads", "check", "results", "command", "readme", "figures"];
    private readonly Dictionary<string, string> _values;

    private CommandLine(string command, Dictionary<string, string> values) => (Command, _values) = (command, values);

    /// <summary>The command (probe, run, report, headline).</summary>
    public string Command { get; }

    /// <summary>Parses the arguments.</summary>
    /// <exception cref="ArgumentException">No command, an unknown or repeated option, or an option without a value.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new ArgumentException("no command; expected probe, run, report, headline or rounds");
        }
        var values = new Dictionary<string, string>();
        for (int i = 1; i < args.Count; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
            if (!Known.Contains(name))
            {
                throw new ArgumentException($"argument '{args[i]}'; expected one of --{string.Join(", --", Known)}");
            }
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"--{name} has no value");
            }
            if (!values.TryAdd(name, args[i + 1]))
            {
                throw new ArgumentException($"--{name} given twice");
            }
        }
        return new CommandLine(args[0], values);
    }

    /// <summary>The value of --name, or <paramref name="fallback"/>.</summary>
    public string Get(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    /// <summary>The value of --name.</summary>
    /// <exception cref="ArgumentException">It was not given.</exception>
    public string Required(string name) => _values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required for {Command}");

    /// <summary>The value of --name as a positive integer, or <paramref name="fallback"/>.</summary>
    /// <exception cref="ArgumentException">It is not a positive integer.</exception>
    public int Int(string name, int fallback) =>
        !_values.TryGetValue(name, out var v) ? fallback
        : int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw new ArgumentException($"--{name} '{v}'; expected a positive integer");
}
