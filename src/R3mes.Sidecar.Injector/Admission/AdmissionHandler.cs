using System.Text.Json;
using R3mes.Sidecar.Injector.Patching;
using R3mes.Sidecar.Injector.Pods;

namespace R3mes.Sidecar.Injector.Admission;

/// <summary>
/// Turns the bytes of an AdmissionReview into the bytes of the answer. Always answers JSON: a review it cannot
/// read gets 400 with a Status; an unexpected failure while deciding denies the pod (500) instead of crashing.
/// </summary>
internal sealed class AdmissionHandler(PodMutator mutator)
{
    public AdmissionAnswer Handle(ReadOnlySpan<byte> body)
    {
        AdmissionReview? review;
        try
        {
            review = JsonSerializer.Deserialize(body, AdmissionJsonContext.Default.AdmissionReview);
        }
        catch (JsonException)
        {
            return AdmissionAnswer.BadRequest("the body is not an AdmissionReview JSON document");
        }
        catch (InvalidOperationException)
        {
            return AdmissionAnswer.BadRequest("the body is not an AdmissionReview JSON document");
        }

        if (review is null || review.ApiVersion != AdmissionReview.Version || review.Kind != AdmissionReview.KindName)
        {
            return AdmissionAnswer.BadRequest($"expected apiVersion {AdmissionReview.Version} and kind {AdmissionReview.KindName}");
        }

        if (review.Request is not { Uid: { Length: > 0 } uid } request)
        {
            return AdmissionAnswer.BadRequest("the review has no request.uid");
        }

        MutationResult result;
        try
        {
            result = request.Kind?.IsCorePod == true && request.Operation == "CREATE"
                ? mutator.Mutate(request.Namespace, request.Object)
                : MutationResult.Skip();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            result = new MutationResult(MutationOutcome.Denied, [], $"the pod could not be read ({e.GetType().Name}); no sidecar injected");
        }

        return AdmissionAnswer.Review(Respond(uid, result), result, PodName(request));
    }

    /// <summary><c>namespace/name</c> for the log; a controller's pod has only <c>generateName</c>.</summary>
    private static string PodName(AdmissionRequest request)
    {
        string? name = null;
        if (request.Object.ValueKind == JsonValueKind.Object && request.Object.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            name = Text(metadata, "name") ?? (Text(metadata, "generateName") is { } generated ? generated + "*" : null);
        }

        return $"{request.Namespace ?? "-"}/{name ?? "-"}";
    }

    private static string? Text(JsonElement element, string property)
    {
        try
        {
            return element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            // A name that is not valid UTF-8 (the reader does not check strings it only skipped): logged as "-".
            return null;
        }
    }

    private static AdmissionReview Respond(string uid, MutationResult result)
    {
        AdmissionResponse response;
        if (result.Outcome == MutationOutcome.Denied)
        {
            response = new AdmissionResponse
            {
                Uid = uid,
                Allowed = false,
                Status = new AdmissionStatus { Code = 400, Message = "r3mes-sidecar injector: " + result.Message },
            };
        }
        else if (result.Operations.Count == 0)
        {
            response = new AdmissionResponse { Uid = uid, Allowed = true };
        }
        else
        {
            var patch = JsonSerializer.SerializeToUtf8Bytes(result.Operations as List<PatchOperation> ?? [.. result.Operations], AdmissionJsonContext.Default.ListPatchOperation);
            response = new AdmissionResponse { Uid = uid, Allowed = true, PatchType = "JSONPatch", Patch = Convert.ToBase64String(patch) };
        }

        return new AdmissionReview { ApiVersion = AdmissionReview.Version, Kind = AdmissionReview.KindName, Response = response };
    }
}
