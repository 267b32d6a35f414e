using SkiaSharp;

namespace Scratch.Reports.Text;

/// <summary>
/// The one typeface every figure draws its text with: DejaVu Sans 2.37, embedded in this assembly.
/// Skia's native library here is built without fontconfig and a machine may have no fonts at all; with
/// no typeface, Skia draws no text and says nothing. Embedding the font makes text appear everywhere and
/// look the same on every machine. Licence: Fonts/LICENSE-DejaVu.txt.
/// </summary>
internal static class ReportFont
{
    /// <summary>The family name under which ScottPlot resolves the embedded font (unique, so no system font answers to it).</summary>
    public const string PlotFamily = "Scratch Reports DejaVu Sans";

    private const string ResourceName = "Scratch.Reports.DejaVuSans.ttf";

    private static readonly Lazy<SKData> Data = new(LoadData);

    private static readonly Lazy<SKTypeface> SharedTypeface = new(() => Create());

    private static readonly Lazy<bool> Registered = new(RegisterWithScottPlot);

    /// <summary>The embedded typeface (immutable, shared across threads).</summary>
    public static SKTypeface Typeface => SharedTypeface.Value;

    /// <summary>A font of the embedded typeface at <paramref name="size"/> pixels, anti-aliased, without subpixel positioning or hinting.</summary>
    public static SKFont Font(float size) => new(Typeface, size)
    {
        Edging = SKFontEdging.Antialias,
        Subpixel = false,
        Hinting = SKFontHinting.None,
    };

    /// <summary>Makes ScottPlot resolve <see cref="PlotFamily"/> to the embedded typeface (once per process).</summary>
    public static void EnsureRegisteredWithScottPlot() => _ = Registered.Value;

    private static SKData LoadData()
    {
        using var stream = typeof(ReportFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded font resource '{ResourceName}' is missing from {typeof(ReportFont).Assembly.GetName().Name}");
        return SKData.Create(stream);
    }

    private static SKTypeface Create() =>
        SKTypeface.FromData(Data.Value) ?? throw new InvalidOperationException($"Skia could not read the embedded font '{ResourceName}'");

    private static bool RegisterWithScottPlot()
    {
        ScottPlot.Fonts.FontResolvers.Add(new EmbeddedFontResolver());
        return true;
    }

    /// <summary>Answers ScottPlot's requests for <see cref="PlotFamily"/> (any weight or slant) with the embedded typeface.</summary>
    private sealed class EmbeddedFontResolver : ScottPlot.IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing spacing) =>
            fontName == PlotFamily ? Create() : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == PlotFamily ? Create() : null;
    }
}
