using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Vault;

/// <summary>Log messages of the Vault runtime (event ids 4100–4199).</summary>
internal static partial class VaultLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "TLS VERIFICATION IS OFF for Vault at {Address} (vault.tls.skip_verify): anyone on the path can read every secret and token. Use tls.ca_file instead.")]
    public static partial void SkipVerify(ILogger logger, string address);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "{Path} is on a KV v{Version} mount at {Mount}")]
    public static partial void MountDetected(ILogger logger, string path, int version, string mount);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "no read access to the metadata of {Path}: reading the data at every refresh instead of probing current_version")]
    public static partial void NoMetadataAccess(ILogger logger, string path);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Vault rejected token accessor {Accessor} reading {Path}; logging in again")]
    public static partial void TokenRejected(ILogger logger, string accessor, string path);
}
