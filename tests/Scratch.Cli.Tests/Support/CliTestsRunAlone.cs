// Every CLI test captures the process-wide console: test classes must not run in parallel with each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
