namespace R3mes.Secrets.Reading;

/// <summary>A found value with where it came from, or the message that explains why there is none.</summary>
internal sealed record SecretLookupResult(byte[]? Value, string Source, string? Failure)
{
    public static SecretLookupResult Found(byte[] value, string source) => new(value, source, null);

    public static SecretLookupResult Failed(string failure) => new(null, "", failure);
}
