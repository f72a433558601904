using R3mes.Sidecar.Output;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Templates;

namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// Turns fetched data into the bytes of every file of a secret, all or nothing: when one file cannot be made, none
/// is written. A file's bytes come from its template, else its <c>key</c>, else the secret's <c>key</c>, else the
/// whole value, else the field named like the file. Templates also see the whole value as <c>value</c>. A required
/// secret never renders an empty file unless it says <c>allow_empty: true</c> (<see cref="EmptyValueException"/>).
/// </summary>
public static class SecretRenderer
{
    public const string WholeValueField = "value";

    public static IReadOnlyList<RenderedFile> Render(SecretSpec secret, SecretData data)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(data);
        var rendered = new List<RenderedFile>(secret.Files.Count);
        foreach (var file in secret.Files)
        {
            try
            {
                var content = Content(secret, file, data);
                if (file.Content.Base64Decode)
                {
                    content = SecretValue.FromBytes(TemplateFilters.DecodeBase64(content.Reveal(), "the value"));
                }

                var target = new FileTarget(file.Name, file.Mode, file.Uid, file.Gid, secret.Update == UpdatePolicy.Always);
                rendered.Add(new RenderedFile(target, content));
            }
            catch (SecretFormatException e)
            {
                throw new SecretFormatException($"secret '{secret.Name}', file {file.Name}: {e.Message}");
            }
        }

        var empty = rendered.Where(f => f.Content.Length == 0).Select(f => f.Target.Name).ToArray();
        if (empty.Length > 0 && secret.Required && !secret.AllowEmpty)
        {
            throw new EmptyValueException(secret.Name, empty);
        }

        return rendered;
    }

    private static SecretValue Content(SecretSpec secret, FileSpec file, SecretData data)
    {
        if (file.Content.Template is { } template)
        {
            return template.Render(TemplateFields(data));
        }

        var key = file.Content.Field ?? secret.Key;
        if (key is not null)
        {
            return Field(data, key);
        }

        return data.Raw ?? Field(data, file.Name);
    }

    private static SecretValue Field(SecretData data, string key) =>
        data.Fields.TryGetValue(key, out var value)
            ? value
            : throw new SecretFormatException(data.Raw is not null && data.Fields.Count == 0
                ? $"field '{key}' is missing: the value is not a JSON object, so it has no fields (drop key: to use the whole value)"
                : SecretTemplate.MissingField(key, data.Fields));

    private static IReadOnlyDictionary<string, SecretValue> TemplateFields(SecretData data)
    {
        if (data.Raw is null || data.Fields.ContainsKey(WholeValueField))
        {
            return data.Fields;
        }

        var fields = new Dictionary<string, SecretValue>(data.Fields, StringComparer.Ordinal) { [WholeValueField] = data.Raw };
        return new SecretFields(fields, (data.Fields as SecretFields)?.Unreadable ?? []);
    }
}
