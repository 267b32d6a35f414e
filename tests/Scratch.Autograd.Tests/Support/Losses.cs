namespace Scratch.Autograd.Tests.Support;

/// <summary>Composite losses written over the primitive ops, as a user of the library would write them.</summary>
public static class Losses
{
    /// <summary>Softmax cross-entropy of logits [N, C] against int32 labels [N]: −mean log softmax(z)[y].</summary>
    public static Variable CrossEntropy(Variable logits, Tensor labels) =>
        -logits.LogSoftmax(1).Gather(1, labels.Unsqueeze(1)).Mean();
}
