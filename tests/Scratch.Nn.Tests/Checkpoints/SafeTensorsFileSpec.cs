using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Scratch.Nn.Tests.Checkpoints;

/// <summary>One tensor of a generated safetensors file: its safetensors dtype name, shape and raw bytes.</summary>
internal sealed record TensorSpec(string Name, string DType, int[] Shape, byte[] Data)
{
    public static int SizeOf(string dtype) => dtype switch { "F64" => 8, _ => 4 };
}

/// <summary>
/// A break of one of the format's rules, applied while writing (see <see cref="SafeTensorsFileSpec.Write"/>);
/// every kind makes the file invalid.
/// </summary>
internal enum Break
{
    None,
    ShiftOffsets,       // one non-empty tensor's [b, e) moved by +Amount: a hole, an overlap or a range past the end
    WrongShape,         // one non-empty tensor's shape claims one element more than its bytes hold
    LoneSurrogate,      // an escaped lone surrogate (\ud800..\udfff) inside a name or metadata string
    DuplicateEntry,     // one tensor's entry written twice
    NumberMetadata,     // a metadata value written as a number
    UnknownDType,       // a dtype name we do not read (F16, BOOL, f32, ...)
    BadNumber,          // a shape or offset that is not a non-negative integer (-1, 1.5, 1e3, 2^64, null, "4")
    InvalidUtf8,        // a byte sequence that is not UTF-8 inside a string
    TrailingBytes,      // Amount extra bytes after the data
    Truncated,          // the last Amount bytes cut off
    HeaderLength,       // N replaced by a length out of range (past the end, over 100,000,000, below 2)
}

/// <summary>
/// A safetensors file described by parts (tensors, metadata, the order of the entries in the JSON and
/// of the data in the file, whether non-ASCII characters are escaped, extra padding) and written byte
/// by byte here, independently of <c>SafeTensors.Save</c>, in any layout the format allows; or with
/// one <see cref="Break"/> of its rules.
/// </summary>
internal sealed record SafeTensorsFileSpec(
    TensorSpec[] Tensors, (string Key, string Value)[] Metadata, int[] JsonOrder, int[] DataOrder, bool EscapeNonAscii, int Padding)
{
    /// <summary>The file's bytes, with <paramref name="broken"/> applied; <paramref name="pick"/> and <paramref name="amount"/> choose where and how.</summary>
    public byte[] Write(Break broken = Break.None, int pick = 0, long amount = 1)
    {
        var offsets = new (long Begin, long End)[Tensors.Length];
        long position = 0;
        foreach (var t in DataOrder)
        {
            offsets[t] = (position, position + Tensors[t].Data.Length);
            position += Tensors[t].Data.Length;
        }
        var nonEmpty = Enumerable.Range(0, Tensors.Length).Where(t => Tensors[t].Data.Length > 0).ToArray();
        var target = broken is Break.ShiftOffsets or Break.WrongShape ? nonEmpty[pick % nonEmpty.Length] : Tensors.Length == 0 ? -1 : pick % Tensors.Length;
        var json = new JsonText(EscapeNonAscii, broken, pick, amount);
        json.Raw("{");
        if (Metadata.Length > 0 || broken == Break.NumberMetadata)
        {
            json.Key("__metadata__");
            json.Raw("{");
            foreach (var (key, value) in Metadata)
            {
                json.Key(key);
                json.String(value);
                json.Raw(",");
            }
            if (broken == Break.NumberMetadata)
            {
                json.Key("count");
                json.Raw("3,");
            }
            json.EndObject();
            json.Raw(",");
        }
        foreach (var t in JsonOrder.Concat(broken == Break.DuplicateEntry ? [target] : []))
        {
            var (begin, end) = offsets[t];
            if (t == target && broken == Break.ShiftOffsets)
            {
                (begin, end) = (begin + amount, end + amount);
            }
            var shape = t == target && broken == Break.WrongShape ? [Tensors[t].Data.Length / TensorSpec.SizeOf(Tensors[t].DType) + 1] : Tensors[t].Shape;
            json.Key(Tensors[t].Name);
            json.Raw("{\"dtype\":");
            json.String(t == target && broken == Break.UnknownDType ? UnknownDTypes[(int)(amount % UnknownDTypes.Length)] : Tensors[t].DType);
            json.Raw(",\"shape\":[" + string.Join(",", shape) + "],\"data_offsets\":[");
            json.Raw(t == target && broken == Break.BadNumber ? BadNumbers[(int)(amount % BadNumbers.Length)] : begin.ToString(CultureInfo.InvariantCulture));
            json.Raw("," + end.ToString(CultureInfo.InvariantCulture) + "]},");
        }
        json.EndObject();
        var header = json.Bytes(Padding);
        var file = new List<byte>(8 + header.Length + (int)position);
        var n = broken != Break.HeaderLength ? (ulong)header.Length
            : (amount % 3) switch { 0 => (ulong)header.Length + (ulong)position + 1, 1 => 100_000_001UL + (ulong)amount, _ => (ulong)(amount % 2) };
        file.AddRange(BitConverter.GetBytes(n));
        file.AddRange(header);
        foreach (var t in DataOrder)
        {
            file.AddRange(Tensors[t].Data);
        }
        file.AddRange(new byte[broken == Break.TrailingBytes ? amount : 0]);
        return broken == Break.Truncated ? file.Take(file.Count - (int)Math.Min(amount, file.Count)).ToArray() : file.ToArray();
    }

    private static readonly string[] UnknownDTypes = ["F16", "BF16", "BOOL", "I64", "U8", "f32", "F32 ", ""];
    private static readonly string[] BadNumbers = ["-1", "1.5", "1e3", "18446744073709551616", "null", "\"0\"", "[0]"];

    // The JSON text of a header, written by hand so that a break can land inside it.
    private sealed class JsonText(bool escapeNonAscii, Break broken, int pick, long amount)
    {
        private readonly List<byte> _bytes = [];
        private int _strings;

        public void Raw(string text) => _bytes.AddRange(Encoding.UTF8.GetBytes(text));

        public void Key(string key)
        {
            String(key);
            Raw(":");
        }

        // Closes an object, dropping the comma written after its last member.
        public void EndObject()
        {
            if (_bytes[^1] == (byte)',')
            {
                _bytes.RemoveAt(_bytes.Count - 1);
            }
            Raw("}");
        }

        public void String(string value)
        {
            var index = _strings++;
            Raw("\"");
            for (var i = 0; i < value.Length; i++)
            {
                if (index == pick && i == 0)
                {
                    BreakInsideAString();
                }
                var c = value[i];
                if (c is '"' or '\\')
                {
                    Raw("\\" + c);
                }
                else if (c < 0x20 || (c > 0x7E && escapeNonAscii))
                {
                    Raw($"\\u{(int)c:x4}");
                }
                else if (char.IsHighSurrogate(c))
                {
                    Raw(value.Substring(i++, 2));
                }
                else
                {
                    Raw(c.ToString());
                }
            }
            if (index == pick && value.Length == 0)
            {
                BreakInsideAString();
            }
            Raw("\"");
        }

        public byte[] Bytes(int padding)
        {
            _bytes.AddRange(Enumerable.Repeat((byte)' ', padding));
            if (broken is Break.LoneSurrogate or Break.InvalidUtf8 && _strings <= pick)
            {
                throw new InvalidOperationException($"no string {pick} to break among {_strings}");
            }
            return [.. _bytes];
        }

        private void BreakInsideAString()
        {
            if (broken == Break.LoneSurrogate)
            {
                Raw($"\\u{0xD800 + (int)(amount % 0x800):x4}" + (amount % 2 == 0 ? "x" : ""));
            }
            else if (broken == Break.InvalidUtf8)
            {
                byte[][] sequences = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80]];
                _bytes.AddRange(sequences[(int)(amount % sequences.Length)]);
            }
        }
    }

    /// <summary>How many JSON strings the file writes (metadata keys and values, tensor names, dtypes).</summary>
    public int StringCount => (Metadata.Length > 0 ? 1 + 2 * Metadata.Length : 0) + 2 * Tensors.Length;
}
