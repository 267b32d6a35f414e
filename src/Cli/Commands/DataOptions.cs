using Scratch.Data.Sets;
using Scratch.Nn.Training;
using Scratch.Reproduce;

namespace Scratch.Cli.Commands;

/// <summary>The data options of <c>train</c> and <c>eval</c>: which set, which classes, how many examples, where it is cached.</summary>
internal sealed record DataOptions(string Data, IReadOnlyList<int>? Classes, int? TrainSize, int? TestSize, string? Directory)
{
    /// <summary>Checks the options; the message names the bad one and its value.</summary>
    /// <exception cref="ArgumentException">An option is out of range or unknown.</exception>
    public void Validate()
    {
        if (Data is not ("mnist" or "fashion-mnist"))
        {
            throw new ArgumentException($"data '{Data}' is unknown; expected mnist or fashion-mnist");
        }
        if (TrainSize is < 1)
        {
            throw new ArgumentException($"train size = {TrainSize}; expected >= 1");
        }
        if (TestSize is < 1)
        {
            throw new ArgumentException($"test size = {TestSize}; expected >= 1");
        }
    }

    /// <summary>The training and test sets: the data set, restricted to the classes and sizes, as batch sources.</summary>
    /// <exception cref="DataNotFoundException">The data set is missing and could not be fetched.</exception>
    public (IBatchSource Train, IBatchSource Test) Load(Action<string>? log) => (LoadSplit(DataSplit.Train, log), LoadSplit(DataSplit.Test, log));

    /// <summary>The test set alone (only its files are read), restricted to the classes and the test size.</summary>
    /// <exception cref="DataNotFoundException">The data set is missing and could not be fetched.</exception>
    public IBatchSource LoadTest(Action<string>? log) => LoadSplit(DataSplit.Test, log);

    private IBatchSource LoadSplit(DataSplit split, Action<string>? log)
    {
        Validate();
        var set = Data == "fashion-mnist" ? FashionMnist.Load(split, Directory) : Mnist.Load(split, Directory, log);
        if (Classes is { Count: > 0 } classes)
        {
            set = set.WithClasses([.. classes]);
        }
        if ((split == DataSplit.Train ? TrainSize : TestSize) is { } n && n < set.Count)
        {
            set = set.Range(0, n);
        }
        return new ImageBatchSource(set);
    }
}
