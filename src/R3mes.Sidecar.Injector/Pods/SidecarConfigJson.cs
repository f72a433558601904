using System.Globalization;
using System.Text;
using System.Text.Json;
using R3mes.Sidecar.Injector.Annotations;
using R3mes.Sidecar.Injector.Settings;

namespace R3mes.Sidecar.Injector.Pods;

/// <summary>
/// Writes the sidecar configuration for a pod's annotations as JSON (every annotation value is escaped by the JSON
/// writer, never pasted into text). Files with the same source become one secret, so related files (a username and
/// its password) change together; the Vault address and CA come from the injector's settings only.
/// </summary>
internal static class SidecarConfigJson
{
    public const string DefaultMode = "0600";
    public const string ReloadAction = "reload";

    public static string Write(PodRequest request, InjectorSettings settings, bool usesVault)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("output");
            json.WriteString("dir", SidecarPaths.SecretsMount);
            json.WriteBoolean("require_tmpfs", true);
            json.WriteEndObject();
            json.WriteString("state_dir", SidecarPaths.StateDir);
            json.WriteString("listen", "0.0.0.0:" + settings.Sidecar.Port.ToString(CultureInfo.InvariantCulture));
            if (usesVault && settings.Vault is { } vault)
            {
                WriteVault(json, vault, request.Role!);
            }

            if (settings.AwsRegion is { } region && request.Files.Values.Any(f => f.Source?.Kind == SourceReference.Aws))
            {
                json.WriteStartObject("aws");
                json.WriteString("region", region);
                json.WriteEndObject();
            }

            WriteSecrets(json, request, settings);
            if (request.Reload is { } reload)
            {
                WriteAction(json, reload);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteVault(Utf8JsonWriter json, VaultTarget vault, string role)
    {
        json.WriteStartObject("vault");
        json.WriteString("address", vault.Address.GetLeftPart(UriPartial.Authority));
        if (vault.CaPem is { } ca)
        {
            json.WriteStartObject("tls");
            json.WriteString("ca_pem", ca);
            json.WriteEndObject();
        }

        json.WriteStartObject("auth");
        json.WriteString("method", "kubernetes");
        json.WriteString("mount", vault.AuthMount);
        json.WriteString("role", role);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteSecrets(Utf8JsonWriter json, PodRequest request, InjectorSettings settings)
    {
        json.WriteStartArray("secrets");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in request.Files.Where(f => f.Value.Source is not null).GroupBy(f => f.Value.Source!.SourceKey, StringComparer.Ordinal))
        {
            var source = group.First().Value.Source!;
            json.WriteStartObject();
            json.WriteString("name", UniqueName(source, names));
            json.WriteStartObject("source");
            json.WriteString(source.Kind, source.Kind == SourceReference.File ? $"{settings.Sidecar.FileSourcesDir}/{source.Ref}" : source.Ref);
            json.WriteEndObject();
            json.WriteStartObject("files");
            foreach (var (file, wanted) in group)
            {
                json.WriteStartObject(file);
                if (wanted.Template is { } template)
                {
                    json.WriteString("template", template);
                }
                else if (wanted.Source!.Field is { } field)
                {
                    json.WriteString("key", field);
                }

                if (wanted.Mode is { } mode)
                {
                    json.WriteString("mode", mode);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            if (request.Reload is not null)
            {
                json.WriteStartArray("on_change");
                json.WriteStringValue(ReloadAction);
                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteAction(Utf8JsonWriter json, ReloadRequest reload)
    {
        json.WriteStartObject("actions");
        json.WriteStartObject(ReloadAction);
        if (reload.Signal is { } signal)
        {
            json.WriteString("signal", signal);
            json.WriteStartObject("process");
            json.WriteString("name", reload.Process);
            json.WriteEndObject();
        }
        else
        {
            json.WriteStartObject("http");
            json.WriteString("url", reload.Url!.OriginalString);
            json.WriteString("method", "POST");
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A secret name (letters, digits, '_', '-') read off the source: <c>vault-secret-r3mes-app</c>.</summary>
    private static string UniqueName(SourceReference source, HashSet<string> taken)
    {
        var text = new StringBuilder();
        foreach (var c in $"{source.Kind}-{source.Ref}")
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
            if (keep || (text.Length > 0 && text[^1] != '-'))
            {
                text.Append(keep ? c : '-');
            }
        }

        var name = text.ToString().TrimEnd('-');
        name = name.Length > 60 ? name[..60] : name;
        var unique = name;
        for (var i = 2; !taken.Add(unique); i++)
        {
            unique = $"{name}-{i.ToString(CultureInfo.InvariantCulture)}";
        }

        return unique;
    }
}
