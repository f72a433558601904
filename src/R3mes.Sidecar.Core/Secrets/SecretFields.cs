using System.Diagnostics.CodeAnalysis;

namespace R3mes.Sidecar.Secrets;

/// <summary>
/// The named fields of a JSON object, plus the names of members that were left out because their text could not
/// be read (a lone surrogate such as <c>"\ud800"</c>, bytes that are not UTF-8). Leaving one out fails only a file
/// that needs it, and its error can say why instead of "missing".
/// </summary>
public sealed class SecretFields : IReadOnlyDictionary<string, SecretValue>
{
    private readonly Dictionary<string, SecretValue> _fields;

    public SecretFields(Dictionary<string, SecretValue> fields, IReadOnlyList<string> unreadable)
    {
        _fields = fields;
        Unreadable = unreadable;
    }

    /// <summary>Members whose value is a string that is not valid text; members with an unreadable name are not listed.</summary>
    public IReadOnlyList<string> Unreadable { get; }

    public int Count => _fields.Count;

    public IEnumerable<string> Keys => _fields.Keys;

    public IEnumerable<SecretValue> Values => _fields.Values;

    public SecretValue this[string key] => _fields[key];

    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out SecretValue value) => _fields.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, SecretValue>> GetEnumerator() => _fields.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
