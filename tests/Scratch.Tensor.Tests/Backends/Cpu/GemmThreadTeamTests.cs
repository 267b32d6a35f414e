using Scratch.Backends.Cpu;

namespace Scratch.Tests.Backends.Cpu;

public class GemmThreadTeamTests
{
    [Fact]
    public void TryRun_AfterMembersFellAsleep_RunsEveryMemberAgain()
    {
        // Between the runs the members spin for SpinMicroseconds, then block: the second run must wake them.
        for (int round = 0; round < 3; round++)
        {
            var seen = new int[3];
            bool ran = GemmThreadTeam.TryRun(3, member => Interlocked.Increment(ref seen[member]));
            if (ran)
            {
                Assert.Equal(new[] { 1, 1, 1 }, seen);
            }

            Thread.Sleep(2 * GemmThreadTeam.SpinMicroseconds / 1000 + 5);
        }
    }

    [Fact]
    public void TryRun_MemberThrows_ReportsItAfterEveryMemberFinished()
    {
        int finished = 0;
        bool ran = false;
        var error = Record.Exception(() => ran = GemmThreadTeam.TryRun(2, member =>
        {
            if (member == 1)
            {
                throw new InvalidOperationException("member 1 failed");
            }

            Thread.Sleep(20);
            Interlocked.Increment(ref finished);
        }));
        if (error is null)
        {
            // The team was busy (another test's GEMM): nothing ran, nothing to check.
            Assert.False(ran);
            return;
        }

        var aggregate = Assert.IsType<AggregateException>(error);
        Assert.Equal("member 1 failed", Assert.IsType<InvalidOperationException>(aggregate.InnerException).Message);
        Assert.Equal(1, finished);
    }

    [Fact]
    public void TryRun_Nested_IsRefused()
    {
        bool? inner = null;
        bool outer = GemmThreadTeam.TryRun(2, member =>
        {
            if (member == 0)
            {
                inner = GemmThreadTeam.TryRun(2, _ => { });
            }
        });
        if (outer)
        {
            Assert.False(inner);
        }
    }
}
