namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// A caller ARN as Vault's aws auth reads it (builtin/credential/aws parseIamArn): an assumed role
/// <c>arn:aws:sts::acct:assumed-role/Role/Session</c> canonicalizes to <c>arn:aws:iam::acct:role/Role</c>.
/// </summary>
internal sealed record IamPrincipal(string Partition, string Account, string Type, string FriendlyName)
{
    public string CanonicalArn => $"arn:{Partition}:iam::{Account}:{(Type == "assumed-role" ? "role" : Type)}/{FriendlyName}";

    public static IamPrincipal? Parse(string arn, out string? error)
    {
        error = null;
        var parts = arn.Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] is not ("iam" or "sts"))
        {
            error = $"unrecognized arn: {arn}";
            return null;
        }

        var path = parts[5].Split('/');
        if (path.Length < 2 || path[0] is not ("assumed-role" or "user" or "role" or "instance-profile"))
        {
            error = $"unrecognized principal type: \"{path[0]}\"";
            return null;
        }

        return new IamPrincipal(parts[1], parts[4], path[0], path[0] == "assumed-role" ? path[1] : path[^1]);
    }
}
