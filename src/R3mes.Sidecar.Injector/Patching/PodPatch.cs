using System.Globalization;
using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Injector.Patching;

/// <summary>
/// Collects the operations for one pod. Adding to a list or map that does not exist creates it whole
/// (<c>add /spec/initContainers [...]</c>), because <c>add …/-</c> on a missing array fails.
/// </summary>
internal sealed class PodPatch
{
    private readonly List<PatchOperation> _operations = [];

    public IReadOnlyList<PatchOperation> Operations => _operations;

    public void Set(string path, JsonNode value) => _operations.Add(PatchOperation.Add(path, value));

    /// <summary>Appends <paramref name="items"/> to the array at <paramref name="path"/>, creating it when <paramref name="existing"/> is null.</summary>
    public void Append(string path, JsonArray? existing, params JsonNode[] items)
    {
        if (existing is null)
        {
            _operations.Add(PatchOperation.Add(path, new JsonArray(items)));
            return;
        }

        foreach (var item in items)
        {
            _operations.Add(PatchOperation.Add(path + "/-", item));
        }
    }

    /// <summary>Inserts <paramref name="item"/> first in the array at <paramref name="path"/>, creating it when missing.</summary>
    public void Prepend(string path, JsonArray? existing, JsonNode item)
    {
        if (existing is null)
        {
            _operations.Add(PatchOperation.Add(path, new JsonArray(item)));
            return;
        }

        _operations.Add(PatchOperation.Add(path + "/" + 0.ToString(CultureInfo.InvariantCulture), item));
    }
}
