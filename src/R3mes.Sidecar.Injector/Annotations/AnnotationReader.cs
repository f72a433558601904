using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using R3mes.Sidecar.Output;

namespace R3mes.Sidecar.Injector.Annotations;

/// <summary>
/// The one place every <c>sidecar.r3mes.io/</c> annotation is validated: each is read by its kind, and every
/// problem is reported with the annotation's full key. Annotations are untrusted input.
/// </summary>
internal static partial class AnnotationReader
{
    public static PodRequest Read(JsonObject annotations, AnnotationKinds kinds, List<AnnotationError> errors)
    {
        var request = new PodRequest();
        foreach (var (key, node) in annotations)
        {
            if (!key.StartsWith(AnnotationNames.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = key[AnnotationNames.Prefix.Length..];
            if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(new AnnotationError(key, "must be a string"));
                continue;
            }

            if (!AnnotationName().IsMatch(name))
            {
                errors.Add(new AnnotationError(key, "is not a valid annotation name (at most 63 letters, digits, '-', '_', '.', starting and ending with a letter or digit)"));
                continue;
            }

            var kind = kinds.Find(name, out var file);
            if (kind is null)
            {
                errors.Add(new AnnotationError(key, $"unknown annotation (known: {string.Join(", ", kinds.Names.Select(n => AnnotationNames.Prefix + n))})"));
                continue;
            }

            if (kind.PerFile && OutputFileName.Problem(file) is { } fileProblem)
            {
                errors.Add(new AnnotationError(key, fileProblem));
                continue;
            }

            if (kind.Read(file, value.GetValue<string>(), request) is { } problem)
            {
                errors.Add(new AnnotationError(key, problem));
            }
        }

        return request;
    }

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex AnnotationName();
}
