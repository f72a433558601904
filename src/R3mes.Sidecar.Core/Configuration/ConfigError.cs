namespace R3mes.Sidecar.Configuration;

/// <summary>One configuration problem: where (<c>secrets[2].files.tls</c>) and what to do about it.</summary>
public sealed record ConfigError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
