namespace Scratch.Autograd.Tests;

public class NoGradTests
{
    [Fact]
    public void NoGrad_RecordsNothing()
    {
        var x = new Variable(Tensor.FromArray([1.0, 2]), requiresGrad: true);
        Variable y;
        using (Autodiff.NoGrad())
        {
            Assert.False(Autodiff.IsGradEnabled);
            y = (x * x).Sum();
        }
        Assert.True(Autodiff.IsGradEnabled);
        Assert.False(y.RequiresGrad);
        Assert.Null(y.Op);
        Assert.Equal(5.0, y.Item());
    }

    [Fact]
    public void NoGrad_Nested_RestoresTheOuterState()
    {
        using (Autodiff.NoGrad())
        {
            using (Autodiff.NoGrad())
            {
                Assert.False(Autodiff.IsGradEnabled);
            }
            Assert.False(Autodiff.IsGradEnabled);
        }
        Assert.True(Autodiff.IsGradEnabled);
    }

    [Fact]
    public void NoGrad_OnOneThread_DoesNotAffectAnother()
    {
        using var entered = new ManualResetEventSlim();
        using var checkedOther = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            using (Autodiff.NoGrad())
            {
                entered.Set();
                checkedOther.Wait();
            }
        });
        worker.Start();
        entered.Wait();
        var x = new Variable(Tensor.FromArray([1.0]), requiresGrad: true);
        Assert.True(x.Exp().RequiresGrad);
        checkedOther.Set();
        worker.Join();
    }

    [Fact]
    public void Detach_CutsTheTape()
    {
        var x = new Variable(Tensor.FromArray([1.0, 2]), requiresGrad: true, name: "x");
        var d = x.Exp().Detach();
        Assert.False(d.RequiresGrad);
        Assert.True(d.IsLeaf);
        Assert.False(d.Square().RequiresGrad);
        Assert.Same(x.Data, x.Detach().Data);
    }
}
