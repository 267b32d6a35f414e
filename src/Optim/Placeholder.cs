namespace Scratch.Optim; internal static class Placeholder {}
