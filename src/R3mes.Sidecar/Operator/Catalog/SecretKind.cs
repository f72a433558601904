namespace R3mes.Sidecar.Operator.Catalog;

/// <summary>How <c>secrets create</c> obtains a secret.</summary>
internal enum SecretKind
{
    /// <summary>Random characters from a CSPRNG.</summary>
    Generated,

    /// <summary>A fixed, non-secret default (a user name), replaceable on the command line.</summary>
    Named,

    /// <summary>Part of the development TLS pair (certificate and key are made together).</summary>
    TlsPair,

    /// <summary>Only ever imported with <c>--import</c> (blockchain keys: inventing one would be a new identity).</summary>
    Imported,
}
