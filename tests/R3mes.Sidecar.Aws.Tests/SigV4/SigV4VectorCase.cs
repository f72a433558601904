using System.Text.Json;

namespace R3mes.Sidecar.Aws.Tests.SigV4;

/// <summary>One folder of AWS's SigV4 suite: the signed request parsed into method, path, query, headers and body,
/// plus the context (normalization) and the expected canonical request, string to sign and signature.</summary>
internal sealed record SigV4VectorCase(string Method, string Path, string Query, List<KeyValuePair<string, string>> Headers, byte[] Body,
    bool Normalize, string ExpectedCanonicalRequest, string ExpectedStringToSign, string ExpectedSignature)
{
    public static string Root => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "aws-sigv4");

    public static SigV4VectorCase Load(string name)
    {
        var folder = System.IO.Path.Combine(Root, name);
        string Read(string file) => File.ReadAllText(System.IO.Path.Combine(folder, file)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var signed = Read("header-signed-request.txt");
        var split = signed.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? signed : signed[..split];
        var body = split < 0 ? "" : signed[(split + 2)..];
        var lines = head.Split('\n');
        var requestLine = lines[0];
        var target = requestLine[(requestLine.IndexOf(' ', StringComparison.Ordinal) + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            if (char.IsWhiteSpace(line[0]))
            {
                var last = headers[^1];
                headers[^1] = KeyValuePair.Create(last.Key, last.Value + " " + line.Trim());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(KeyValuePair.Create(line[..colon], line[(colon + 1)..]));
        }

        var question = target.IndexOf('?', StringComparison.Ordinal);
        using var context = JsonDocument.Parse(Read("context.json"));
        return new SigV4VectorCase(requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)],
            question < 0 ? target : target[..question], question < 0 ? "" : target[(question + 1)..], headers,
            System.Text.Encoding.UTF8.GetBytes(body), context.RootElement.GetProperty("normalize").GetBoolean(),
            Read("header-canonical-request.txt"), Read("header-string-to-sign.txt"), Read("header-signature.txt").Trim());
    }

    public string Header(string name) => string.Join(',', Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value));
}
