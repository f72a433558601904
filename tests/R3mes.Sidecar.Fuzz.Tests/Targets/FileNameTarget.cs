using R3mes.Sidecar.Fuzz.Tests.Harness;
using R3mes.Sidecar.Output;

namespace R3mes.Sidecar.Fuzz.Tests.Targets;

/// <summary>
/// <see cref="OutputFileName.Problem(string?)"/>: a name it accepts is one plain component of at most 255 bytes
/// that resolves inside the output directory, never a temporary-file or <c>..data</c> name.
/// </summary>
internal sealed class FileNameTarget : IFuzzTarget
{
    private const string Root = "/run/secrets";

    public string Name => "file-name rules";

    public IReadOnlyList<byte[]> Seeds { get; } = Utf8Input.All(
        "postgres_password", "jwt_secret.txt", "tls.crt", "a", "database-url", "é-ü", "💥", "x y", new string('n', 255));

    public IReadOnlyList<byte[]> Dictionary { get; } = Utf8Input.All(
        "/", "\\", "..", ".", "\0", "\u202e", "\u2028", "\r\n", "..data", ".tmp", "%2f", " ", "\u00a0", "\ufeff");

    public bool MessagesMayQuoteInput => true;

    public FuzzOutcome Run(byte[] input)
    {
        var name = Utf8Input.Text(input);
        if (OutputFileName.Problem(name) is not null)
        {
            return FuzzOutcome.Refused;
        }

        Assert.False(name is "." or "..", name);
        Assert.DoesNotContain('/', name);
        Assert.DoesNotContain('\\', name);
        Assert.DoesNotContain('\0', name);
        Assert.False(name.Any(char.IsControl), "control character accepted");
        Assert.NotEqual('.', name[0]);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(name), 1, 255);
        Assert.Equal(Root, Path.GetDirectoryName(Path.GetFullPath(Path.Combine(Root, name))));
        return FuzzOutcome.Accepted;
    }

    public bool IsRefusal(Exception error) => false;
}
