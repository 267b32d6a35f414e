using System.Globalization;
using System.Text;

namespace Scratch.Nn;

public abstract partial class Module
{
    /// <summary>A one-line description of this module alone ("Linear(784 → 10, bias)"); the type name by default.</summary>
    public virtual string Describe() => GetType().Name;

    /// <summary>
    /// A readable summary: the module tree with each module's description and its own parameters'
    /// shapes, then the total parameter count.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text, "", 0);
        text.Append(CultureInfo.InvariantCulture, $"parameters: {ParameterCount():N0}");
        return text.ToString();
    }

    private void Append(StringBuilder text, string name, int depth)
    {
        text.Append(' ', depth * 2);
        if (name.Length > 0)
        {
            text.Append('(').Append(name).Append(") ");
        }
        text.Append(Describe());
        if (_parameters.Count > 0)
        {
            text.Append("  [").AppendJoin(", ", _parameters.Select(p => $"{p.Name} {p.Parameter.Shape}")).Append(']');
        }
        text.Append('\n');
        foreach (var (childName, child) in _children)
        {
            child.Append(text, childName, depth + 1);
        }
    }
}
