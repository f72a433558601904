namespace R3mes.Sidecar.Fuzz.Tests.Harness;

/// <summary>
/// AFL-style byte mutations of a seed input, driven by one <see cref="Random"/> (so a case is its seed number):
/// bit flips, interesting bytes, inserted, deleted, duplicated and repeated ranges (deep nesting, long runs),
/// dictionary tokens and splices with another seed.
/// </summary>
internal static class Mutator
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, (byte)'\n', (byte)'\r', (byte)'\t', (byte)' ', (byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)':', (byte)',', (byte)'-', (byte)'%', (byte)'/', (byte)'.', (byte)'0', (byte)'9'];

    public const int MaxLength = 1 << 16;

    public static byte[] Mutate(byte[] seed, IReadOnlyList<byte[]> seeds, IReadOnlyList<byte[]> dictionary, Random random)
    {
        var data = new List<byte>(seed);
        var rounds = 1 + random.Next(random.Next(2) == 0 ? 3 : 12);
        for (var i = 0; i < rounds; i++)
        {
            Apply(data, seeds, dictionary, random);
            if (data.Count > MaxLength)
            {
                data.RemoveRange(MaxLength, data.Count - MaxLength);
            }
        }

        return [.. data];
    }

    private static void Apply(List<byte> data, IReadOnlyList<byte[]> seeds, IReadOnlyList<byte[]> dictionary, Random random)
    {
        var at = data.Count == 0 ? 0 : random.Next(data.Count + 1);
        switch (random.Next(10))
        {
            case 0 when data.Count > 0:
                data[Math.Min(at, data.Count - 1)] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[Math.Min(at, data.Count - 1)] = Interesting[random.Next(Interesting.Length)];
                break;
            case 2:
                data.InsertRange(at, RandomBytes(random, 1 + random.Next(16)));
                break;
            case 3 when data.Count > 0:
                data.RemoveRange(Math.Min(at, data.Count - 1), Math.Min(1 + random.Next(32), data.Count - Math.Min(at, data.Count - 1)));
                break;
            case 4 when data.Count > 0:
                {
                    var start = random.Next(data.Count);
                    var length = 1 + random.Next(Math.Min(64, data.Count - start));
                    data.InsertRange(at, data.GetRange(start, length));
                    break;
                }

            case 5 when data.Count > 0:
                {
                    // A range repeated many times: deep nesting ("[[[[…"), long lines, many keys.
                    var start = random.Next(data.Count);
                    var length = 1 + random.Next(Math.Min(8, data.Count - start));
                    var chunk = data.GetRange(start, length);
                    var times = 2 + random.Next(random.Next(2) == 0 ? 16 : 2000);
                    for (var i = 0; i < times && data.Count < MaxLength; i++)
                    {
                        data.InsertRange(at, chunk);
                    }

                    break;
                }

            case 6 or 7 when dictionary.Count > 0:
                data.InsertRange(at, dictionary[random.Next(dictionary.Count)]);
                break;
            case 8 when dictionary.Count > 0 && data.Count > 0:
                {
                    var token = dictionary[random.Next(dictionary.Count)];
                    var start = Math.Min(at, data.Count - 1);
                    data.RemoveRange(start, Math.Min(token.Length, data.Count - start));
                    data.InsertRange(start, token);
                    break;
                }

            case 9 when seeds.Count > 0:
                {
                    var other = seeds[random.Next(seeds.Count)];
                    if (other.Length > 0)
                    {
                        var start = random.Next(other.Length);
                        data.RemoveRange(at, data.Count - at);
                        data.AddRange(other.AsSpan(start).ToArray());
                    }

                    break;
                }

            default:
                data.Insert(at, Interesting[random.Next(Interesting.Length)]);
                break;
        }
    }

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
