using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Configuration;

/// <summary>
/// The child keys of every section of one provider, computed once. <see cref="ConfigurationProvider.GetChildKeys"/>
/// scans every key of the provider on each call, and validation asks for the children of every section — quadratic
/// in the size of the file (10,000 secrets took a minute). With the index each call costs only the children it returns.
/// </summary>
internal sealed class ChildKeyIndex
{
    private readonly HashSet<string> _top = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _children = new(StringComparer.OrdinalIgnoreCase);

    private ChildKeyIndex()
    {
    }

    public static ChildKeyIndex Build(IEnumerable<string> keys)
    {
        var index = new ChildKeyIndex();
        foreach (var key in keys)
        {
            var start = 0;
            string? parent = null;
            while (true)
            {
                var end = key.IndexOf(ConfigurationPath.KeyDelimiter, start, StringComparison.Ordinal);
                var child = end < 0 ? key[start..] : key[start..end];
                index.ChildrenOf(parent).Add(child);

                if (end < 0)
                {
                    break;
                }

                parent = key[..end];
                start = end + 1;
            }
        }

        return index;
    }

    /// <summary>The same answer as <see cref="ConfigurationProvider.GetChildKeys"/>: own children plus earlier keys, sorted.</summary>
    public IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
    {
        var results = new List<string>(earlierKeys);
        if (parentPath is null)
        {
            results.AddRange(_top);
        }
        else if (_children.TryGetValue(parentPath, out var children))
        {
            results.AddRange(children);
        }

        results.Sort(ConfigurationKeyComparer.Instance);
        return results;
    }

    private HashSet<string> ChildrenOf(string? parent)
    {
        if (parent is null)
        {
            return _top;
        }

        if (!_children.TryGetValue(parent, out var list))
        {
            _children[parent] = list = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        return list;
    }
}
