using System.Text;

namespace R3mes.Sidecar.Kubernetes.Emulator;

/// <summary>Writes, from the test (these methods) or over HTTP: each moves the resource version and is told to the matching watches.</summary>
public sealed partial class KubernetesEmulator
{
    /// <summary>Creates a Secret whose values are the UTF-8 bytes of <paramref name="data"/>; returns its resource version.</summary>
    public string CreateSecret(string ns, string name, IReadOnlyDictionary<string, string> data) =>
        Write("ADDED", ns, name, Bytes(data), mustExist: false) is { } created ? ApiJson.Text(created.ResourceVersion) : throw new InvalidOperationException($"secret {ns}/{name} exists");

    /// <summary>Replaces the Secret's data; returns its new resource version.</summary>
    public string ReplaceSecret(string ns, string name, IReadOnlyDictionary<string, string> data) =>
        Write("MODIFIED", ns, name, Bytes(data), mustExist: true) is { } replaced ? ApiJson.Text(replaced.ResourceVersion) : throw new InvalidOperationException($"secret {ns}/{name} does not exist");

    /// <summary>Deletes the Secret; returns the resource version of the deletion.</summary>
    public string DeleteSecret(string ns, string name) =>
        Write("DELETED", ns, name, null, mustExist: true) is { } deleted ? ApiJson.Text(deleted.ResourceVersion) : throw new InvalidOperationException($"secret {ns}/{name} does not exist");

    public StoredSecret? Find(string ns, string name)
    {
        lock (_gate)
        {
            return _secrets.GetValueOrDefault((ns, name));
        }
    }

    /// <summary>
    /// Applies one write atomically with its history entry and its events: ADDED needs the Secret absent, MODIFIED
    /// and DELETED need it present. Returns the stored (or, for DELETED, the last) state at the new resource
    /// version, or null when the precondition failed.
    /// </summary>
    internal StoredSecret? Write(string type, string ns, string name, IReadOnlyDictionary<string, byte[]>? data, bool mustExist)
    {
        lock (_gate)
        {
            var existing = _secrets.GetValueOrDefault((ns, name));
            if ((existing is not null) != mustExist)
            {
                return null;
            }

            var version = ++_resourceVersion;
            var secret = existing is null
                ? new StoredSecret(ns, name, Guid.NewGuid().ToString(), data!, version, _options.Time.GetUtcNow())
                : existing with { Data = data ?? existing.Data, ResourceVersion = version };
            if (type == "DELETED")
            {
                _secrets.Remove((ns, name));
            }
            else
            {
                _secrets[(ns, name)] = secret;
            }

            _history.Add(new HistoryEntry(version, type, secret));
            var line = ApiJson.Event(type, ApiJson.Secret(secret));
            foreach (var watch in _watches.Where(w => w.Selects(secret)))
            {
                watch.Lines.Writer.TryWrite(line);
            }

            return secret;
        }
    }

    private static Dictionary<string, byte[]> Bytes(IReadOnlyDictionary<string, string> data) =>
        data.ToDictionary(p => p.Key, p => Encoding.UTF8.GetBytes(p.Value), StringComparer.Ordinal);
}
