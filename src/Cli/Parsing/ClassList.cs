namespace Scratch.Cli.Parsing;

/// <summary>
/// A list of digit classes as the command line and checkpoint metadata write it: "3,7". Strict: class
/// numbers 0..9 (MNIST and Fashion-MNIST have ten), each once, at least two, separated by single commas
/// with no empty entry and no spaces ("," and "3,,7" are errors, never "all" or "3,7").
/// </summary>
internal static class ClassList
{
    /// <summary>The number of classes of the data sets (MNIST, Fashion-MNIST).</summary>
    public const int DataClasses = 10;

    private const string Expected = "expected distinct class numbers 0..9 separated by commas, at least two, like 3,7";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out int[] classes, out string error)
    {
        classes = [];
        var parts = text.Split(',');
        var parsed = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
            {
                error = $"'{text}' has an empty entry; {Expected}";
                return false;
            }
            if (!StrictNumber.TryParseInt(parts[i], out parsed[i]) || parsed[i] < 0 || parsed[i] >= DataClasses)
            {
                error = $"'{parts[i]}' in '{text}' is not a class number; {Expected}";
                return false;
            }
        }
        if (!Check(parsed, out var problem))
        {
            error = $"'{text}' {problem}; {Expected}";
            return false;
        }
        classes = parsed;
        error = "";
        return true;
    }

    /// <summary>Checks an already parsed list (from checkpoint metadata): classes 0..9, distinct, at least two.</summary>
    public static bool Check(IReadOnlyList<int> classes, out string problem)
    {
        problem = classes.Any(c => c is < 0 or >= DataClasses) ? "has a class outside 0..9"
            : classes.Distinct().Count() != classes.Count ? "names a class twice"
            : classes.Count < 2 ? "names fewer than two classes"
            : "";
        return problem.Length == 0;
    }

    /// <summary>The list as the command line writes it ("3,7").</summary>
    public static string Format(IReadOnlyList<int>? classes) => classes is null ? "all" : string.Join(",", classes);
}
