namespace Scratch.Nn;

/// <summary>The weight initialisation a layer constructor uses (see <see cref="Init"/>).</summary>
public enum WeightInit
{
    /// <summary>Glorot &amp; Bengio 2010, uniform: U(−a, a), a = √(6 / (fan_in + fan_out)).</summary>
    XavierUniform,

    /// <summary>Glorot &amp; Bengio 2010, normal: N(0, 2 / (fan_in + fan_out)).</summary>
    XavierNormal,

    /// <summary>He, Zhang, Ren &amp; Sun 2015, uniform: U(−a, a), a = √(6 / fan_in).</summary>
    HeUniform,

    /// <summary>He, Zhang, Ren &amp; Sun 2015, normal: N(0, 2 / fan_in).</summary>
    HeNormal,

    /// <summary>All zeros (softmax regression may start here).</summary>
    Zeros,
}
