namespace Scratch.Nn.Tests;

public class ModuleStateTests
{
    private static Sequential Net(ulong seed) => new(new Linear(4, 3, new Generator(seed)), new Tanh(), new Linear(3, 2, new Generator(seed + 1)));

    [Fact]
    public void StateDict_RoundTrip_GivesSameOutputs()
    {
        var a = Net(1);
        var b = Net(10);
        var x = new Variable(Tensor.Randn(new Shape(5, 4), new Generator(5)));
        Assert.NotEqual(a.Forward(x).Data.ToArray<float>(), b.Forward(x).Data.ToArray<float>());
        b.LoadStateDict(a.StateDict());
        Assert.Equal(a.Forward(x).Data.ToArray<float>(), b.Forward(x).Data.ToArray<float>());
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], a.StateDict().Keys);
    }

    [Fact]
    public void LoadStateDict_MissingAndUnexpectedKeys_AreNamed()
    {
        var state = Net(1).StateDict();
        state.Remove("2.bias");
        state["extra.weight"] = Tensor.Zeros(new Shape(1));
        var e = Assert.Throws<ArgumentException>(() => Net(2).LoadStateDict(state));
        Assert.Contains("missing keys: 2.bias", e.Message);
        Assert.Contains("unexpected keys: extra.weight", e.Message);
    }

    [Fact]
    public void LoadStateDict_NotStrict_LoadsTheCommonKeys()
    {
        var source = Net(1);
        var state = source.StateDict();
        state.Remove("2.bias");
        state["extra"] = Tensor.Zeros(new Shape(1));
        var target = Net(2);
        target.LoadStateDict(state, strict: false);
        Assert.Equal(source.Parameters()[0].Value.ToArray<float>(), target.Parameters()[0].Value.ToArray<float>());
    }

    [Fact]
    public void LoadStateDict_ShapeAndDTypeMismatch_AreNamedAndNothingChanges()
    {
        var state = Net(1).StateDict();
        state["0.weight"] = Tensor.Zeros(new Shape(4, 3));
        state["0.bias"] = Tensor.Zeros(new Shape(3), DType.Float64);
        var target = Net(2);
        var before = target.Parameters()[2].Value.ToArray<float>();
        var e = Assert.Throws<ArgumentException>(() => target.LoadStateDict(state));
        Assert.Contains("'0.weight': shape [4, 3] in the state, [3, 4] in the model", e.Message);
        Assert.Contains("'0.bias': dtype float64 in the state, float32 in the model", e.Message);
        Assert.Equal(before, target.Parameters()[2].Value.ToArray<float>());
    }

    [Fact]
    public void LoadStateDict_CopiesSoLaterChangesDoNotLeak()
    {
        var source = Net(1);
        var target = Net(2);
        target.LoadStateDict(source.StateDict());
        source.Parameters()[0].Value = Tensor.Zeros(new Shape(3, 4));
        Assert.NotEqual(source.Parameters()[0].Value.ToArray<float>(), target.Parameters()[0].Value.ToArray<float>());
    }

    [Fact]
    public void ToDevice_Cpu_KeepsValues()
    {
        var net = Net(1);
        var before = net.Parameters()[0].Value.ToArray<float>();
        net.To(Device.Reference);
        Assert.Equal(Device.Reference, net.Parameters()[0].Value.Device);
        Assert.Equal(before, net.Parameters()[0].Value.ToArray<float>());
    }
}
