using System.Globalization;
using System.Text;

namespace Scratch;

public sealed partial class Tensor
{
    /// <summary>Above this many elements, printing shows the first and last <see cref="EdgeItems"/> of each axis.</summary>
    public const int SummarizeThreshold = 1000;

    /// <summary>Items kept at each end of an axis in a summarized print.</summary>
    public const int EdgeItems = 3;

    /// <summary>
    /// NumPy-style text: nested brackets with aligned columns, long axes abbreviated with "...", and
    /// the shape, dtype and device, e.g. <c>tensor([[1.0000, 2.0000]], shape=[1, 2], dtype=float32, device=cpu)</c>.
    /// </summary>
    public override string ToString()
    {
        var values = DType switch
        {
            DType.Float32 => Array.ConvertAll(ToArray<float>(), v => (double)v),
            DType.Float64 => ToArray<double>(),
            _ => Array.ConvertAll(ToArray<int>(), v => (double)v),
        };
        var summarize = values.Length > SummarizeThreshold;
        var format = ChooseFormat(values, DType == DType.Int32);
        var width = values.Length == 0 ? 0 : values.Max(v => format(v).Length);
        var sb = new StringBuilder("tensor(");
        if (Rank == 0)
        {
            sb.Append(format(values[0]));
        }
        else
        {
            AppendAxis(sb, values, 0, 0, summarize, format, width, indent: 8);
        }
        sb.Append(CultureInfo.InvariantCulture, $", shape={Shape}, dtype={DType.Name()}, device={Device})");
        return sb.ToString();
    }

    private void AppendAxis(StringBuilder sb, double[] values, int axis, int offset, bool summarize, Func<double, string> format, int width, int indent)
    {
        var size = Shape[axis];
        var stride = 1;
        for (var i = axis + 1; i < Rank; i++)
        {
            stride *= Shape[i];
        }
        sb.Append('[');
        var shown = summarize && size > 2 * EdgeItems
            ? Enumerable.Range(0, EdgeItems).Append(-1).Concat(Enumerable.Range(size - EdgeItems, EdgeItems))
            : Enumerable.Range(0, size);
        var first = true;
        foreach (var i in shown)
        {
            if (!first)
            {
                sb.Append(axis == Rank - 1 ? ", " : "," + new string('\n', Rank - 1 - axis) + new string(' ', indent + axis));
            }
            first = false;
            if (i < 0)
            {
                sb.Append("...");
            }
            else if (axis == Rank - 1)
            {
                sb.Append(format(values[offset + i]).PadLeft(width));
            }
            else
            {
                AppendAxis(sb, values, axis + 1, offset + i * stride, summarize, format, width, indent);
            }
        }
        sb.Append(']');
    }

    private static Func<double, string> ChooseFormat(double[] values, bool integer)
    {
        if (integer)
        {
            return v => ((long)v).ToString(CultureInfo.InvariantCulture);
        }
        var finite = values.Where(double.IsFinite).Select(Math.Abs).Where(v => v > 0).ToArray();
        var scientific = finite.Length > 0 && (finite.Max() >= 1e8 || finite.Min() < 1e-4);
        return scientific
            ? v => v.ToString("0.0000e+00", CultureInfo.InvariantCulture)
            : v => double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture).ToLowerInvariant();
    }
}
