using System.Globalization;
using System.Net;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Leases;

/// <summary><c>sys/leases/renew</c> and <c>sys/leases/revoke</c> (api-docs/system/leases.mdx).</summary>
internal static class LeaseApi
{
    /// <summary>Renews <paramref name="leaseId"/> asking for <paramref name="increment"/>; returns what Vault granted.</summary>
    public static async Task<(TimeSpan Granted, bool Renewable)> RenewAsync(VaultClient client, SecretValue token, string leaseId, TimeSpan increment, CancellationToken cancellationToken)
    {
        var response = await client.SendAsync(HttpMethod.Put, ["sys", "leases", "renew"], token, cancellationToken, new Dictionary<string, string>
        {
            ["increment"] = ((long)increment.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["lease_id"] = leaseId,
        }).ConfigureAwait(false);
        var envelope = response.Required("PUT sys/leases/renew");
        return (TimeSpan.FromSeconds(Math.Max(0, envelope.LeaseDuration)), envelope.Renewable);
    }

    /// <summary>Revokes <paramref name="leaseId"/>; revoking a lease Vault no longer knows succeeds.</summary>
    public static Task RevokeAsync(VaultClient client, SecretValue token, string leaseId, CancellationToken cancellationToken) =>
        client.SendAsync(HttpMethod.Put, ["sys", "leases", "revoke"], token, cancellationToken, new Dictionary<string, string> { ["lease_id"] = leaseId });

    /// <summary>Vault answered that the lease is gone or cannot be renewed: 400 <c>lease not found</c>, <c>lease expired</c>, <c>invalid lease</c>.</summary>
    public static bool IsGone(VaultApiException e) =>
        e.Status == HttpStatusCode.BadRequest && !IsNotRenewable(e);

    public static bool IsNotRenewable(VaultApiException e) =>
        e.Status == HttpStatusCode.BadRequest && e.Errors.Any(m => m.Contains("not renewable", StringComparison.OrdinalIgnoreCase));
}
