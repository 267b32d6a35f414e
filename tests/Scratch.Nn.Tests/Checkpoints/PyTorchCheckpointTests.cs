using Scratch.Nn.Checkpoints;

namespace Scratch.Nn.Tests.Checkpoints;

/// <summary>
/// A checkpoint written from PyTorch: a model of the zoo's conv architecture trained for ten SGD steps in
/// torch 1.13 (Debian's python3-torch), its state_dict saved as safetensors with our metadata, and five inputs
/// with the logits PyTorch computed for them (scripts/pytorch-checkpoint-fixture.py writes both files).
/// </summary>
public class PyTorchCheckpointTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void Load_ConvNetTrainedInPyTorch_GivesPyTorchsLogits()
    {
        var loaded = ModelZoo.LoadCheckpoint(Fixture("conv.safetensors"));
        Assert.Equal("conv", loaded.Name);
        Assert.StartsWith("torch 1.13", loaded.Metadata["written_by"]);
        var io = SafeTensors.Load(Fixture("conv-io.safetensors")).Tensors;
        var model = loaded.Model;
        model.Eval();
        using var noGrad = Autodiff.NoGrad();
        var logits = model.Forward(new Variable(io["inputs"])).Data;
        Assert.Equal(new Shape(5, 10), logits.Shape);
        // The two engines sum the convolutions in different orders: agreement to float32 rounding, not bits.
        TensorAssert.Close(io["logits"], logits, atol: 1e-5, rtol: 1e-4);
    }
}
