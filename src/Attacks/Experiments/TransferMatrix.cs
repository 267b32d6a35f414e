namespace Scratch.Attacks;

/// <summary>Error rates of example sets (rows) fed to models (columns).</summary>
/// <param name="Models">The column names.</param>
/// <param name="Rows">One row per example set.</param>
public sealed record TransferMatrix(IReadOnlyList<string> Models, IReadOnlyList<TransferRow> Rows);
