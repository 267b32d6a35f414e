namespace Scratch.Backends;

/// <summary>The lower-case name of each op for error messages ("add", "exp"), computed once rather than per call.</summary>
internal static class OpNames
{
    private static readonly string[] s_unary = Names<UnaryOp>();
    private static readonly string[] s_binary = Names<BinaryOp>();
    private static readonly string[] s_compare = Names<CompareOp>();
    private static readonly string[] s_reduce = Names<ReduceOp>();
    private static readonly string[] s_argReduce = Names<ArgReduceOp>();

    public static string Of(UnaryOp op) => s_unary[(int)op];

    public static string Of(BinaryOp op) => s_binary[(int)op];

    public static string Of(CompareOp op) => s_compare[(int)op];

    public static string Of(ReduceOp op) => s_reduce[(int)op];

    public static string Of(ArgReduceOp op) => s_argReduce[(int)op];

    private static string[] Names<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => v.ToString().ToLowerInvariant()).ToArray();
}
