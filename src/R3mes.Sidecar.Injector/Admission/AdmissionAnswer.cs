using System.Text.Json;
using R3mes.Sidecar.Injector.Pods;

namespace R3mes.Sidecar.Injector.Admission;

/// <summary>An HTTP answer of the webhook: status code, JSON body, and the outcome for the metrics.</summary>
internal sealed record AdmissionAnswer(int StatusCode, byte[] Body, string Outcome, string? Pod = null, string? Message = null, int Operations = 0)
{
    public static AdmissionAnswer Review(AdmissionReview review, MutationResult result, string pod) =>
        new(200, JsonSerializer.SerializeToUtf8Bytes(review, AdmissionJsonContext.Default.AdmissionReview),
            result.Outcome.ToString().ToLowerInvariant(), pod, result.Message, result.Operations.Count);

    public static AdmissionAnswer BadRequest(string message) => Error(400, message, "malformed");

    public static AdmissionAnswer Error(int code, string message, string outcome) =>
        new(code, JsonSerializer.SerializeToUtf8Bytes(new ErrorBody { Code = code, Message = message }, AdmissionJsonContext.Default.ErrorBody), outcome, null, message);
}
