using System.Diagnostics.CodeAnalysis;

namespace R3mes.Secrets.Reading;

/// <summary>A found value with where it came from, or the problem and the message that explains it (never a value).</summary>
internal sealed record SecretLookupResult(SecretKey Key, byte[]? Value, string Source, SecretProblem Problem, string Failure)
{
    public static SecretLookupResult Found(SecretKey key, byte[] value, string source) => new(key, value, source, SecretProblem.None, "");

    public static SecretLookupResult Failed(SecretKey key, SecretProblem problem, string failure) => new(key, null, "", problem, failure);

    /// <summary>The bytes, or the exception that says why there are none.</summary>
    public byte[] Bytes() => Value ?? throw Exception(Problem, Failure);

    /// <summary>The value as UTF-8 text, or the exception that says why there is none.</summary>
    public string Text() => TryText(out var text) ? text : throw Exception(Value is null ? Problem : SecretProblem.Unreadable, TextFailure());

    /// <summary>False whenever <see cref="Text"/> would throw.</summary>
    public bool TryText([NotNullWhen(true)] out string? text)
    {
        if (Value is not null && SecretText.TryDecode(Value, out var decoded))
        {
            text = decoded;
            return true;
        }
        text = null;
        return false;
    }

    private string TextFailure() => Value is null
        ? Failure
        : $"secret '{Key.FileName}' could not be read; looked in: {Source} (not UTF-8 text; use GetBytes)";

    private SecretException Exception(SecretProblem problem, string message) => problem switch
    {
        SecretProblem.Empty => new SecretEmptyException(Key, message),
        SecretProblem.Unreadable => new SecretUnreadableException(Key, message),
        _ => new SecretNotFoundException(Key, message),
    };
}
