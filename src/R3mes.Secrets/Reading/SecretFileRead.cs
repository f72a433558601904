namespace R3mes.Secrets.Reading;

/// <summary>The outcome of reading one file: its bytes, or what stood in the way (never file content).</summary>
internal readonly record struct SecretFileRead(byte[]? Content, string Problem, bool IsMissing)
{
    public static SecretFileRead Missing { get; } = new(null, "missing", IsMissing: true);

    public static SecretFileRead Read(byte[] content) => new(content, "", IsMissing: false);

    public static SecretFileRead Unreadable(string problem) => new(null, problem, IsMissing: false);
}
