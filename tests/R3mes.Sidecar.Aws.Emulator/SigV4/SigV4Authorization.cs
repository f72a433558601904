namespace R3mes.Sidecar.Aws.Emulator.SigV4;

/// <summary>The parts of an <c>Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c> header.</summary>
public sealed record SigV4Authorization(string AccessKeyId, string Date, string Region, string Service, string Terminator,
    IReadOnlyList<string> SignedHeaders, string Signature)
{
    public string Scope => $"{Date}/{Region}/{Service}/{Terminator}";

    /// <summary>Parses the header; on failure <paramref name="error"/> holds AWS's IncompleteSignature wording.</summary>
    public static SigV4Authorization? Parse(string header, out string? error)
    {
        error = null;
        if (!header.StartsWith(SigV4Canonical.Algorithm + " ", StringComparison.Ordinal))
        {
            error = $"Unsupported AWS 'algorithm': '{header.Split(' ')[0]}'";
            return null;
        }

        var fields = header[SigV4Canonical.Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        var missing = new[] { "Credential", "SignedHeaders", "Signature" }.Where(n => !fields.ContainsKey(n)).ToArray();
        if (missing.Length > 0)
        {
            error = string.Join(' ', missing.Select(m => $"Authorization header requires '{m}' parameter.")) + $" Authorization={header}";
            return null;
        }

        var credential = fields["Credential"].Split('/');
        if (credential.Length != 5)
        {
            error = $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{fields["Credential"]}'";
            return null;
        }

        return new SigV4Authorization(credential[0], credential[1], credential[2], credential[3], credential[4],
            fields["SignedHeaders"].Split(';'), fields["Signature"]);
    }
}
