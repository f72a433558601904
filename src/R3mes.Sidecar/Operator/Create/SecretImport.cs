using System.Text.Json;
using R3mes.Sidecar.Operator.Catalog;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Create;

/// <summary><c>--import NAME=PATH</c>: an existing value to take as it is (validator and node keys must be JSON objects).</summary>
internal sealed record SecretImport(R3mesSecret Secret, SecretValue Value)
{
    public static SecretImport Parse(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == argument.Length - 1)
        {
            throw OperatorException.Usage($"--import {argument}: expected NAME=PATH, e.g. --import validator_key=priv_validator_key.json");
        }

        var name = argument[..equals];
        var path = argument[(equals + 1)..];
        var secret = R3mesCatalog.Find(name)
            ?? throw OperatorException.Usage($"--import: unknown secret '{name}' (known: {R3mesCatalog.Names})");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException($"--import {name}: cannot read {path}: {e.GetType().Name}");
        }

        if (bytes.Length == 0)
        {
            throw new OperatorException($"--import {name}: {path} is empty");
        }

        if (secret.Kind == SecretKind.Imported && !IsJsonObject(bytes))
        {
            throw new OperatorException($"--import {name}: {path} is not a JSON object (a key file such as priv_validator_key.json or node_key.json is expected)");
        }

        return new SecretImport(secret, SecretValue.FromBytes(bytes));
    }

    private static bool IsJsonObject(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
