namespace Scratch; internal static class Placeholder {}
