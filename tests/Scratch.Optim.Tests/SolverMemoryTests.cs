namespace Scratch.Optim.Tests;

/// <summary>The pool is shared by the whole process: its tests run alone, so that no other test's solver takes or evicts arrays between their steps.</summary>
[CollectionDefinition(nameof(SolverMemoryTests), DisableParallelization = true)]
public class SolverMemoryTestsCollection;

[Collection(nameof(SolverMemoryTests))]
public class SolverMemoryTests
{
    [Fact]
    public void Take_AfterRelease_GivesTheSameArraysBackCleared()
    {
        // A length no other test uses, so that this test alone takes and returns arrays of it.
        const int length = 977;
        var first = new SolverMemory();
        var a = first.Take<double>(length);
        var b = first.Take<double>(length);
        a.AsSpan().Fill(3.5);
        b.AsSpan().Fill(-1);
        first.Release();
        var second = new SolverMemory();
        var c = second.Take<double>(length);
        var d = second.Take<double>(length);
        Assert.True((ReferenceEquals(c, a) && ReferenceEquals(d, b)) || (ReferenceEquals(c, b) && ReferenceEquals(d, a)));
        Assert.All(c, v => Assert.Equal(0.0, v));
        Assert.All(d, v => Assert.Equal(0.0, v));
        Assert.Equal(length, new SolverMemory().Take<double>(length).Length);
    }

    [Fact]
    public void Take_WithoutMemory_AreNewArrays()
    {
        Assert.Equal(new double[5], SolverMemory.Take<double>(null, 5));
        Assert.Equal(new sbyte[3], SolverMemory.Take<sbyte>(null, 3));
    }

    [Fact]
    public void Take_KeepsElementTypesApart_AndClearsEveryType()
    {
        // Arrays of the same length but different element types are different pools; each comes back zeroed.
        const int length = 983;
        var first = new SolverMemory();
        var doubles = first.Take<double>(length);
        var ints = first.Take<int>(length);
        var flags = first.Take<bool>(length);
        doubles.AsSpan().Fill(2.5);
        ints.AsSpan().Fill(-7);
        flags.AsSpan().Fill(true);
        first.Release();
        var second = new SolverMemory();
        Assert.Same(flags, second.Take<bool>(length));
        Assert.Same(ints, second.Take<int>(length));
        Assert.Same(doubles, second.Take<double>(length));
        Assert.All(doubles, v => Assert.Equal(0.0, v));
        Assert.All(ints, v => Assert.Equal(0, v));
        Assert.All(flags, Assert.False);
    }

    [Fact]
    public void Release_BeyondTheCapacity_KeepsNoMore_AndMakesRoomForTheLatest()
    {
        // Arrays of 1 MiB elements (8 MiB): the pool keeps at most Capacity bytes of them, whatever is returned.
        const int length = 1 << 20;
        var memory = new SolverMemory();
        var taken = Enumerable.Range(0, (int)(SolverMemory.Capacity / (8L * length)) + 3).Select(_ => memory.Take<double>(length)).ToList();
        memory.Release();
        var again = new SolverMemory();
        var recycled = Enumerable.Range(0, taken.Count).Count(_ => taken.Contains(again.Take<double>(length)));
        Assert.True(recycled <= SolverMemory.Capacity / (8L * length), $"{recycled} arrays of 8 MiB came back");
        again.Release();
        // The pool is full of 8 MiB arrays; a later solver's small arrays still go back, and come out again.
        var small = new SolverMemory();
        var array = small.Take<double>(331);
        small.Release();
        Assert.Same(array, new SolverMemory().Take<double>(331));
    }

    [Fact]
    public void Solver_AfterDispose_KeepsItsResultAndRefusesMoreWork()
    {
        var solver = new LbfgsbSolver(new[] { 1.0, -2.0 });
        var result = Lbfgsb.Run(solver, TestProblems.DiagonalQuadratic([1, 2], [0.5, 0.25]));
        var point = solver.Point.ToArray();
        solver.Dispose();
        solver.Dispose();
        // Later solvers take the disposed one's arrays (cleared, then written): its point must not change.
        var later = new LbfgsbSolver(new[] { 7.0, 9.0 });
        Lbfgsb.Run(later, TestProblems.DiagonalQuadratic([1, 2], [3, 4]));
        Assert.Equal(point, solver.Point.ToArray());
        Assert.Same(result, solver.Result);
        Assert.Equal(0.5, result.X[0], 1e-4);
        Assert.Equal(0.25, result.X[1], 1e-4);
        Assert.Equal(LbfgsbRequest.Done, solver.Ask());
        Assert.Throws<ObjectDisposedException>(() => solver.Tell(0, new double[2]));
        Assert.Throws<ObjectDisposedException>(() => solver.GradientBuffer.Length);

        var unfinished = new LbfgsbSolver(new[] { 1.0, -2.0 });
        unfinished.Dispose();
        Assert.Throws<ObjectDisposedException>(() => unfinished.Ask());
    }
}
