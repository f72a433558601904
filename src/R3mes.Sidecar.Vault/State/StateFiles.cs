using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.State;

/// <summary>
/// JSON files in <c>state_dir</c> (the token, leases, certificates): a 0700 directory, 0600 files written by the
/// same atomic writer as the secrets. A missing or unreadable file reads as null, so the caller starts afresh.
/// </summary>
internal sealed class StateFiles(string directory)
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Directory => directory;

    public void Save<T>(string name, T value, JsonTypeInfo<T> type)
    {
        if (!OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory, FileMode | UnixFileMode.UserExecute);
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(value, type);
        new SecretFileWriter(directory).Write(new FileTarget(name, FileMode, null, null), SecretValue.FromBytes(json));
    }

    public T? Load<T>(string name, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(directory, name)), type);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public void Delete(string name)
    {
        try
        {
            File.Delete(Path.Combine(directory, name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only state_dir: the next start finds stale state, and Vault's answers sort it out.
        }
    }
}
