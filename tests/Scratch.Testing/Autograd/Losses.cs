namespace Scratch.Autograd.Tests.Support;

/// <summary>The losses the autograd tests differentiate through, under the name those tests use.</summary>
public static class Losses
{
    /// <summary>Softmax cross-entropy of logits [N, C] against int32 labels [N]: −mean log softmax(z)[y] (Scratch.Nn's, written over the primitive ops).</summary>
    public static Variable CrossEntropy(Variable logits, Tensor labels) => Scratch.Nn.Losses.CrossEntropy(logits, labels);
}
