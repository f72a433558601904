using Konscious.Security.Cryptography;

namespace R3mes.Sidecar.Tests.Operator;

/// <summary>The Argon2id implementation the backups rely on reproduces RFC 9106's test vector (section 5.3).</summary>
public sealed class Argon2idVectorTests
{
    [Fact]
    public void Argon2id_Rfc9106Vector()
    {
        using var argon = new Argon2id(Enumerable.Repeat((byte)0x01, 32).ToArray())
        {
            Salt = Enumerable.Repeat((byte)0x02, 16).ToArray(),
            KnownSecret = Enumerable.Repeat((byte)0x03, 8).ToArray(),
            AssociatedData = Enumerable.Repeat((byte)0x04, 12).ToArray(),
            MemorySize = 32,
            Iterations = 3,
            DegreeOfParallelism = 4,
        };

        Assert.Equal("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", Convert.ToHexStringLower(argon.GetBytes(32)));
    }
}
