namespace Scratch.Optim;

/// <summary>Which bound, if any, a variable sits on at the returned point.</summary>
[Flags]
public enum ActiveBound : byte
{
    /// <summary>Strictly inside its bounds (or unbounded).</summary>
    None = 0,

    /// <summary>x_i = l_i.</summary>
    Lower = 1,

    /// <summary>x_i = u_i.</summary>
    Upper = 2,

    /// <summary>l_i = x_i = u_i (a fixed variable).</summary>
    Fixed = Lower | Upper,
}
